import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import * as s from './schemas.js';
import * as service from './service.js';
import { incidentParams } from '../schemas.js';

const tags = ['nightcare', 'gp-referral'];

/** Escalation to the region's GP out-of-hours posts, and their inbox. */
export function gpReferralRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/nightcare/incidents/:id/refer-gp',
      {
        schema: {
          tags,
          description: 'Refers the incident’s client to the GP post covering the address (postcode areas; fallback: the client’s own GP post). Assigned nurse or night coordinator. The incident stays open. 409 when closed, unlinked or no post covers the client.',
          params: incidentParams,
          body: s.referGpBody,
          response: { 201: s.referGpOut },
        },
      },
      async (request, reply) => reply.status(201).send(await service.referToGp(deps, requireUser(request), request.params.id, request.body)),
    );
    app.get(
      '/nightcare/referrals',
      { schema: { tags, description: 'Referrals to the caller’s GP post, newest first (max 200), without client identities.', querystring: s.referralListQuery, response: { 200: z.object({ items: z.array(s.referralOut) }) } } },
      async (request) => ({ items: await service.listReferrals(deps, requireUser(request), request.query.status) }),
    );
    app.get(
      '/nightcare/referrals/:id',
      { schema: { tags, description: 'One referral with the client’s identification (audited as a read by the GP post). Other posts get 404.', params: s.referralParams, response: { 200: s.referralDetailOut } } },
      async (request) => service.openReferral(deps, requireUser(request), request.params.id),
    );
    app.post(
      '/nightcare/referrals/:id/answer',
      { schema: { tags, description: 'The GP post’s answer; recorded in the incident history and pushed to the night team. 409 when already answered.', params: s.referralParams, body: s.answerBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
      async (request) => {
        await service.answerReferral(deps, requireUser(request), request.params.id, request.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/nightcare/referrals/:id/phone-answer',
      { schema: { tags, description: 'The GP post’s answer to a referral made by phone, recorded by the assigned nurse or a night coordinator; pushed to the others. 409 for a referral sent through the platform or already answered.', params: s.referralParams, body: s.answerBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
      async (request) => {
        await service.recordPhoneAnswer(deps, requireUser(request), request.params.id, request.body);
        return { ok: true as const };
      },
    );
    app.get(
      '/nightcare/gp-post-areas',
      { schema: { tags, description: 'The alliance’s GP posts with the postcode ranges each covers.', querystring: s.gpPostAreasQuery, response: { 200: z.object({ items: z.array(s.gpPostAreasOut) }) } } },
      async (request) => ({ items: await service.listGpPostAreas(deps, requireUser(request), request.query.allianceId) }),
    );
    app.put(
      '/nightcare/gp-post-areas',
      { schema: { tags, description: 'Sets (replaces) the postcode ranges of one GP post. Alliance administrators.', body: s.gpPostAreasBody, response: { 200: s.gpPostAreasOut } } },
      async (request) => service.setGpPostAreas(deps, requireUser(request), request.body),
    );
  };
}
