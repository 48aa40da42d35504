import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { multiLine } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { targetGroups, themes } from '../schemas.js';
import { needsWithMatches, recordNeed } from './service.js';

const needBody = z.object({
  municipalityId: z.uuid(),
  description: multiLine(1000).min(10),
  theme: z.enum(themes),
  targetGroup: z.enum(targetGroups),
  source: z.enum(['signal', 'interview', 'persona']),
  personaId: z.uuid().optional(),
  notedOn: z.iso.date(),
});
export const needOut = z.object({
  id: z.uuid(),
  municipality: z.object({ id: z.uuid(), name: z.string(), latitude: z.number(), longitude: z.number() }),
  network: z.object({ id: z.uuid(), name: z.string() }),
  description: z.string(), theme: z.string(), targetGroup: z.string(), source: z.enum(['signal', 'interview', 'persona']),
  persona: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  notedOn: z.string(),
  match: z.object({ level: z.enum(['municipality', 'region', 'gap']), initiatives: z.array(z.object({ id: z.uuid(), title: z.string(), municipality: z.string() })) }),
});

/** The demand side: the coordinator notes needs; anyone sees them with what meets them and where the gaps are. */
export function demandRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/networkmap/needs', { schema: { tags: ['network map (demand)'], body: needBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send(await recordNeed(deps, requireUser(request), request.body)),
    );
    app.get('/public/networkmap/needs', { schema: { tags: ['network map (public)'], description: 'Needs per municipality, each matched against the initiatives that address it; level gap when none does.', querystring: z.object({ municipalityId: z.uuid().optional(), networkId: z.uuid().optional() }), response: { 200: z.array(needOut) } } }, async (request) =>
      needsWithMatches(deps.readDb, request.query),
    );
  };
}
