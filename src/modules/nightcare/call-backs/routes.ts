import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { answer, multiLine, singleLine } from '../../../platform/http/index.js';
import { incidentParams } from '../schemas.js';
import * as service from './service.js';

const tags = ['nightcare', 'call-backs'];
const parties = ['family', 'gp_post', 'alarm_centre', 'other'] as const;
const ok = z.object({ ok: z.literal(true) });

const callBackOut = z.object({
  id: z.string(),
  incidentId: z.string(),
  party: z.enum(parties),
  name: z.string(),
  phone: z.string(),
  note: z.string().nullable(),
  dueAt: z.date(),
  overdue: z.boolean().describe('Not done and due'),
});
const incidentCallsOut = z.object({
  callBacks: z.array(callBackOut.extend({ doneAt: z.date().nullable() })),
  log: z.array(z.object({ id: z.string(), direction: z.enum(['in', 'out']), party: z.enum(parties), name: z.string(), note: z.string().nullable(), callBackId: z.string().nullable(), at: z.date(), loggedByName: z.string() })),
});
const callBackListOut = z.object({ items: z.array(callBackOut) });
const callBackBody = z.object({ party: z.enum(parties), name: singleLine(120).min(1), phone: singleLine(40).min(1), note: multiLine(500).optional(), dueAt: z.iso.datetime({ offset: true }).transform((at) => new Date(at)) });
const callBody = z.object({ direction: z.enum(['in', 'out']), party: z.enum(parties), name: singleLine(120).min(1), note: multiLine(500).optional(), at: z.iso.datetime({ offset: true }).transform((at) => new Date(at)).optional() });

/** The coordinator's call-backs (family, GP post, alarm centre) and each incident's call log. Night coordinators only. */
export function callBackRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/call-backs',
      { schema: { tags, description: "The alliance's open call-backs, soonest due first; `overdue` when due.", response: { 200: callBackListOut } } },
      async (request) => answer(callBackListOut, { items: await service.openCallBacks(deps, requireUser(request)) }),
    );
    app.get(
      '/nightcare/incidents/:id/calls',
      { schema: { tags, description: "One incident's call-backs and call log (audited as a read of the client's data). Others get 404.", params: incidentParams, response: { 200: incidentCallsOut } } },
      async (request) => answer(incidentCallsOut, await service.incidentCalls(deps, requireUser(request), request.params.id)),
    );
    app.post(
      '/nightcare/incidents/:id/call-backs',
      { schema: { tags, description: 'A caller to phone back by a due time.', params: incidentParams, body: callBackBody, response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.status(201).send({ id: await service.addCallBack(deps, requireUser(request), request.params.id, request.body) }),
    );
    app.post(
      '/nightcare/incidents/:id/calls',
      { schema: { tags, description: 'A call in or out, in the incident’s call log (`at` defaults to now).', params: incidentParams, body: callBody, response: { 201: z.object({ id: z.string() }) } } },
      async (request, reply) => reply.status(201).send({ id: await service.logCall(deps, requireUser(request), request.params.id, request.body) }),
    );
    app.post(
      '/nightcare/call-backs/:id/done',
      { schema: { tags, description: 'Phoned back: the call-back is done and the call is logged. 409 when done already.', params: z.object({ id: z.uuid() }), body: z.object({ note: multiLine(500).optional() }), response: { 200: ok } } },
      async (request) => {
        await service.completeCallBack(deps, requireUser(request), request.params.id, request.body.note);
        return { ok: true as const };
      },
    );
  };
}
