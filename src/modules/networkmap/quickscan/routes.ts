import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams } from '../schemas.js';
import { recordScan, scanHistory } from './service.js';

const tags = ['network map (quick-scan)'];
const score = z.number().int().min(1).max(5);
const scores = z.object({ workTogether: score, findEachOther: score, needsAligned: score });
const note = multiLine(1000).default('');
const scanBody = z.object({
  municipalityId: z.uuid(),
  heldOn: z.iso.date(),
  scores,
  notes: z.object({ workTogether: note, findEachOther: note, needsAligned: note }).default({ workTogether: '', findEachOther: '', needsAligned: '' }),
  participants: singleLine(300).default(''),
});
const round = z.object({
  id: z.uuid(), heldOn: z.string(), scores, average: z.number(), change: z.object({ workTogether: z.number(), findEachOther: z.number(), needsAligned: z.number() }).nullable(),
  notes: z.object({ workTogether: z.string(), findEachOther: z.string(), needsAligned: z.string() }), participants: z.string(), filledBy: z.string(),
});
export const scanHistoryOut = z.array(z.object({ municipalityId: z.uuid(), municipality: z.string(), rounds: z.array(round) }));

/** The quick-scan: the network coordinator records a round with the municipality; the rounds compare over time. */
export function quickScanRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/networkmap/quick-scans', { schema: { tags, body: scanBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send(await recordScan(deps, requireUser(request), request.body)),
    );
    app.get('/networkmap/networks/:id/quick-scans', { schema: { tags, params: idParams, response: { 200: scanHistoryOut } } }, async (request) => scanHistory(deps, requireUser(request), request.params.id));
  };
}
