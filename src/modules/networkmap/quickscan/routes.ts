import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams } from '../schemas.js';
import { linkChoices, linkOrganisation } from './municipality-link.js';
import { explainRound, municipalityScanHistory, ownMunicipalities } from './municipality-staff.js';
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
  municipalityNote: z.string().describe('The municipality’s own explanation of the round'),
});
const named = z.object({ id: z.uuid(), name: z.string() });
export const scanHistoryOut = z.array(z.object({ municipalityId: z.uuid(), municipality: z.string(), rounds: z.array(round) }));

/** The quick-scan: the network coordinator records a round with the municipality; the rounds compare over time. */
export function quickScanRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/networkmap/quick-scans', { schema: { tags, body: scanBody, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
      reply.status(201).send(await recordScan(deps, requireUser(request), request.body)),
    );
    app.get('/networkmap/networks/:id/quick-scans', { schema: { tags, params: idParams, response: { 200: scanHistoryOut } } }, async (request) => scanHistory(deps, requireUser(request), request.params.id));
    app.get('/networkmap/municipalities/own', { schema: { tags, description: 'The municipalities whose organisation the caller works for.', response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), network: z.string() })) } } }, async (request) =>
      ownMunicipalities(deps, requireUser(request)),
    );
    app.get('/networkmap/municipalities/:id/quick-scans', {
      schema: { tags, params: idParams, description: 'One municipality’s rounds over time: for its own staff, its network’s coordinator and the national body.', response: { 200: z.object({ municipalityId: z.uuid(), municipality: z.string(), network: z.string(), canExplain: z.boolean(), rounds: z.array(round) }) } },
    }, async (request) => municipalityScanHistory(deps, requireUser(request), request.params.id));
    app.get('/networkmap/networks/:id/municipality-links', {
      schema: {
        tags, params: idParams, description: 'The municipality organisations the coordinator may link, and the organisation each municipality of the network is linked to.',
        response: { 200: z.object({ organisations: z.array(named), municipalities: z.array(z.object({ id: z.uuid(), name: z.string(), organisation: named.nullable() })) }) },
      },
    }, async (request) => linkChoices(deps, requireUser(request), request.params.id));
    app.put('/networkmap/municipalities/:id/organisation', {
      schema: { tags, params: idParams, description: 'Links the municipality to its own organisation on the platform (null unlinks), whose staff then read its quick-scan.', body: z.object({ organisationId: z.uuid().nullable() }), response: { 204: z.null() } },
    }, async (request, reply) => {
      await linkOrganisation(deps, requireUser(request), request.params.id, request.body.organisationId);
      return reply.status(204).send(null);
    });
    app.put('/networkmap/quick-scans/:id/municipality-note', { schema: { tags, params: idParams, body: z.object({ note: multiLine(2000) }), response: { 204: z.null() } } }, async (request, reply) => {
      await explainRound(deps, requireUser(request), request.params.id, request.body.note);
      return reply.status(204).send(null);
    });
  };
}
