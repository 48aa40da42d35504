import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams } from '../schemas.js';
import { networkDashboard, networksOf } from './service.js';

const tags = ['network map (dashboard)'];
const scores = z.object({ workTogether: z.number(), findEachOther: z.number(), needsAligned: z.number() });
const dashboardOut = z.object({
  network: z.object({ id: z.uuid(), name: z.string() }),
  municipalities: z.array(z.object({
    id: z.uuid(), name: z.string(), latitude: z.number(), longitude: z.number(), initiatives: z.number(), covered: z.boolean(),
    latestScan: z.object({ heldOn: z.string(), scores, average: z.number() }).nullable(), needs: z.number(), gaps: z.number(),
  })),
  themes: z.array(z.object({ theme: z.string(), initiatives: z.number() })),
  gaps: z.array(z.object({ id: z.uuid(), municipality: z.string(), description: z.string(), theme: z.string(), targetGroup: z.string() })),
  dueForVerification: z.number(),
});

/** The dashboard per network, for its coordinator and the national body. */
export function dashboardRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/networkmap/networks', { schema: { tags, response: { 200: z.array(z.object({ id: z.uuid(), name: z.string() })) } } }, async (request) => networksOf(deps, requireUser(request)));
    app.get('/networkmap/networks/:id/dashboard', { schema: { tags, params: idParams, response: { 200: dashboardOut } } }, async (request) => networkDashboard(deps, requireUser(request), request.params.id));
  };
}
