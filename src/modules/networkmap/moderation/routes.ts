import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { multiLine } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { importInventory, importReportOut } from '../inventory/import.js';
import { idParams, supportStatuses } from '../schemas.js';
import * as service from './service.js';

const tags = ['network map (moderation)'];
const queueOut = z.object({
  level: z.enum(['network', 'national']),
  items: z.array(z.object({
    id: z.uuid(), title: z.string(), summary: z.string(), status: z.string(), status_reason: z.string(), municipality: z.string(), network: z.string(), partner_names: z.string(),
    contact_name: z.string(), contact_email: z.string(), contact_phone: z.string(), contact_publish: z.boolean(), wants_support: z.boolean(), support_status: z.string(), updated_at: z.string(),
  })),
});
const historyOut = z.array(z.object({
  id: z.number(), at: z.string(), actor_kind: z.string(), actor_name: z.string().nullable(), action: z.string(), from_status: z.string().nullable(), to_status: z.string().nullable(),
  reason: z.string(), changes: z.record(z.string(), z.unknown()),
}));

/** The network coordinator's and the national body's side: the queue, decisions, follow-up, history, the inventory import. */
export function moderationRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/networkmap/moderation', { schema: { tags, response: { 200: queueOut } } }, async (request) => service.queue(deps, requireUser(request)));
    app.post('/networkmap/initiatives/:id/decision', { schema: { tags, params: idParams, body: z.object({ decision: z.enum(['accept', 'escalate', 'ask_changes', 'reject']), reason: multiLine(2000).default('') }), response: { 200: z.object({ id: z.uuid(), status: z.string() }) } } }, async (request) =>
      service.decideOn(deps, requireUser(request), request.params.id, request.body.decision, request.body.reason),
    );
    app.post('/networkmap/initiatives/:id/follow-up', { schema: { tags, params: idParams, body: z.object({ supportStatus: z.enum(supportStatuses).optional(), verified: z.boolean().optional() }), response: { 204: z.null() } } }, async (request, reply) => {
      await service.followUp(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
    app.get('/networkmap/initiatives/:id/history', { schema: { tags, params: idParams, response: { 200: historyOut } } }, async (request) => service.historyOf(deps, requireUser(request), request.params.id));
    app.post('/networkmap/import', { schema: { tags, description: 'The existing inventory as CSV (text/csv), with the duplicate check; answers what was added and what was merged.', body: z.string().max(5_000_000), response: { 200: importReportOut } } }, async (request) =>
      importInventory(deps, requireUser(request), request.body),
    );
  };
}
