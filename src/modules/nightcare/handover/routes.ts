import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clientDataRoles, hasRole } from '../../../platform/access/index.js';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden } from '../../../platform/http/index.js';
import { openEventStream } from '../../../platform/live/index.js';
import { HandoverHub } from './live.js';
import * as s from './schemas.js';
import { acknowledgeHandover, handoverPdf, readHandover } from './service.js';

const tags = ['nightcare', 'handover'];

/** The morning handover for the day staff of a home organisation: JSON, PDF, acknowledgement, and a reminder stream. */
export function handoverRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const hub = new HandoverHub(deps.databaseUrl);
    await hub.start();
    app.addHook('onClose', async () => hub.close());

    app.get(
      '/nightcare/handovers',
      {
        schema: {
          tags,
          description: "The night's incidents of clients of the caller's own organisation, with visit reports and follow-up. Staff with client-data roles; every client read is audited.",
          querystring: s.handoverQuery,
          response: { 200: s.handoverOut },
        },
      },
      async (request) => readHandover(deps, requireUser(request), request.query),
    );
    app.get('/nightcare/handovers/:night/pdf', { schema: { tags, description: 'The same handover as a PDF in the reader’s language.', params: s.nightParams, querystring: s.allianceQuery } }, async (request, reply) => {
      const pdf = await handoverPdf(deps, requireUser(request), { ...request.query, night: request.params.night });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="overdracht-${request.params.night}.pdf"`).send(pdf);
    });
    app.post(
      '/nightcare/handovers/:night/acknowledge',
      { schema: { tags, description: 'Records that the day team read the handover. Idempotent: the first acknowledgement is kept. 409 before the night has ended.', params: s.nightParams, querystring: s.allianceQuery, response: { 200: s.acknowledgeOut } } },
      async (request) => acknowledgeHandover(deps, requireUser(request), { ...request.query, night: request.params.night }),
    );
    app.get('/nightcare/handovers/stream', { schema: { tags, description: 'Server-sent events for the caller’s organisation: `handover` events {handoverId, night, type: handover_overdue | handover_acknowledged}.' } }, async (request, reply) => {
      const ctx = requireUser(request);
      if (!hasRole(ctx, ...clientDataRoles)) throw forbidden('Only staff with client-data roles read handovers');
      openEventStream(request, reply, {
        retryMs: 5000,
        subscribe: (send) => hub.subscribe(ctx.organisationId, (event) => send('handover', { handoverId: event.handoverId, night: event.night, type: event.type })),
        onResync: (listener) => hub.onResync(listener),
      });
    });
  };
}
