import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { RespiteDeps } from '../deps.js';
import { referralBody, referralOut, wmoDecisionBody } from './schemas.js';
import * as service from './service.js';

const tags = ['respite', 'partners'];

/** What partners do beyond the desks: the GP's referral and the municipality's Wmo decision. */
export function partnerRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/respite/referrals', { schema: { tags, description: 'A GP or practice nurse refers an overburdened caregiver; it becomes an intake request.', body: referralBody, response: { 201: referralOut } } }, async (request, reply) =>
      reply.status(201).send(await service.refer(deps, requireUser(request), request.body)),
    );
    app.post('/respite/requests/:id/wmo-decision', { schema: { tags, description: 'The municipality’s Wmo decision on a request it took in; a refusal closes it as no funding.', params: z.object({ id: z.uuid() }), body: wmoDecisionBody, response: { 204: z.null() } } }, async (request, reply) => {
      await service.decideWmo(deps, requireUser(request), request.params.id, request.body);
      return reply.status(204).send(null);
    });
  };
}
