import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { auditEntryOut, auditQuery, reviewBody, reviewOut, verificationOut } from './schemas.js';
import * as service from './service.js';

const tags = ['audit'];
const idParams = z.object({ id: z.uuid() });

export function auditRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit', { schema: { tags, querystring: auditQuery, response: { 200: z.object({ items: z.array(auditEntryOut) }) } } }, async (request) => ({
      items: await service.listAudit(deps, requireContext(request), request.query),
    }));
    app.get('/clients/:id/audit', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(auditEntryOut) }) } } }, async (request) => ({
      items: await service.clientTrail(deps, requireUser(request), request.params.id),
    }));
    app.get('/clients/:id/access-report.pdf', { schema: { tags, params: idParams } }, async (request, reply) => {
      const pdf = await service.clientAccessReport(deps, requireUser(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="inzage-overzicht.pdf"').send(pdf);
    });
    app.get(
      '/audit/emergency-reviews',
      { schema: { tags, querystring: z.object({ status: z.enum(['pending', 'justified', 'unjustified']).optional() }), response: { 200: z.object({ items: z.array(reviewOut) }) } } },
      async (request) => ({ items: await service.listEmergencyReviews(deps, requireUser(request), request.query.status) }),
    );
    app.post('/audit/emergency-reviews/:id', { schema: { tags, params: idParams, body: reviewBody, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
      await service.reviewEmergencyAccess(deps, requireUser(request), request.params.id, request.body.verdict, request.body.note);
      return { ok: true as const };
    });
    app.post(
      '/audit/verify',
      { schema: { tags, description: 'Checks the keyed audit chains (reads only); `npm run audit:verify` also checks them against the checkpoints.', response: { 200: verificationOut } } },
      async (request) => service.verifyChain(deps, requireUser(request)),
    );
  };
}
