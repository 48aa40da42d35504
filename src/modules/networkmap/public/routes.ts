import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answer } from '../../../platform/http/index.js';
import { translator } from '../../../platform/i18n/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { listMunicipalities } from '../municipalities.js';
import { idParams, publicInitiativeOut, stages, targetGroups, themes } from '../schemas.js';
import { initiativesCsv } from '../search/csv.js';
import { atomFeed } from '../search/feed.js';
import { municipalityPage, publicRows, readPublic, toPublic } from '../search/public-view.js';
import { mapPoints } from '../search/map-points.js';
import { searchInitiatives } from '../search/store.js';
import { callAnswer, confirmOut, duplicatesOut, editBody, ownInitiativeOut, publicCall, tokenBody } from './schemas.js';
import * as service from './service.js';

const tags = ['network map (public)'];
const filters = z.object({
  q: z.string().trim().max(200).optional(),
  municipalityId: z.uuid().optional(),
  networkId: z.uuid().optional(),
  theme: z.enum(themes).optional(),
  targetGroup: z.enum(targetGroups).optional(),
  stage: z.enum(stages).optional(),
});
const listItem = z.object({
  id: z.uuid(), title: z.string(), summary: z.string(), stage: z.string(), themes: z.array(z.string()), place: z.string(), fictional: z.boolean(),
  municipality_id: z.uuid(), municipality: z.string(), network: z.string(),
});
const municipalityOut = z.object({ id: z.uuid(), name: z.string(), latitude: z.number(), longitude: z.number(), network_id: z.uuid(), network_name: z.string(), initiatives: z.coerce.number() });
const FEED_SIZE = 50;

/** Login-free: the call, the list, the map, the pages, and the open feeds. Never a contact without consent. */
export function publicNetworkMapRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public/networkmap/municipalities', { schema: { tags, response: { 200: z.array(municipalityOut) } } }, async () => listMunicipalities(deps.readDb));
    app.get('/public/networkmap/municipalities/:id', { schema: { tags, params: idParams, response: { 200: z.object({ id: z.uuid(), name: z.string(), latitude: z.number(), longitude: z.number(), network: z.object({ id: z.uuid(), name: z.string() }), initiatives: z.array(publicInitiativeOut) }) } } }, async (request) =>
      municipalityPage(deps.readDb, request.params.id),
    );
    app.get('/public/networkmap/initiatives', { schema: { tags, description: 'The list view: Dutch full-text search (q) and filters, paged.', querystring: filters.extend({ page: z.coerce.number().int().min(1).max(10_000).default(1), perPage: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.object({ total: z.number(), totalCapped: z.boolean(), page: z.number(), perPage: z.number(), items: z.array(listItem) }) } } }, async (request) => {
      const { page, perPage, ...f } = request.query;
      return { page, perPage, ...(await searchInitiatives(deps.readDb, f, { offset: (page - 1) * perPage, limit: perPage })) };
    });
    app.get('/public/networkmap/map', { schema: { tags, description: 'Points (zoomed in, each an initiative) or sums (zoomed out) in a box, with the list filters: below zoom 9 per municipality (its id and name), at zoom 9 and 10 per grid cell (id zoom:x:y, no title).', querystring: filters.extend({ west: z.coerce.number().min(-180).max(180).default(3), south: z.coerce.number().min(-90).max(90).default(50), east: z.coerce.number().min(-180).max(180).default(8), north: z.coerce.number().min(-90).max(90).default(54), zoom: z.coerce.number().int().min(0).max(22).default(8) }), response: { 200: z.array(z.object({ id: z.string(), title: z.string(), lon: z.number(), lat: z.number(), count: z.number() })) } } }, async (request) => {
      const { west, south, east, north, zoom, ...f } = request.query;
      return mapPoints(deps.readDb, f, { west, south, east, north }, zoom);
    });
    app.get('/public/networkmap/initiatives/:id', { schema: { tags, params: idParams, response: { 200: publicInitiativeOut } } }, async (request) => readPublic(deps.readDb, request.params.id));
    app.get('/public/networkmap/feed.atom', { schema: { tags, description: 'Atom feed of newly accepted initiatives.' } }, async (request, reply) => {
      const rows = await publicRows(deps.readDb).orderBy('initiative.accepted_at', 'desc').limit(FEED_SIZE).execute();
      return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(rows.map(toPublic), { baseUrl: `${request.protocol}://${request.host}`, title: translator('nl')('networkmap.feedTitle'), updated: deps.now() }));
    });
    app.get('/public/networkmap/initiatives.csv', { schema: { tags, description: 'Every accepted initiative as CSV.' } }, async (_request, reply) => {
      const rows = await publicRows(deps.readDb).orderBy('initiative.title').execute();
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="initiatieven.csv"').send(initiativesCsv(rows.map(toPublic)));
    });
    app.post('/public/networkmap/duplicates', { schema: { tags, body: publicCall.pick({ title: true, partners: true, place: true, municipalityId: true }), response: { 200: duplicatesOut } } }, async (request) => ({
      candidates: await service.duplicatesOf(deps, request.body),
    }));
    app.post('/public/networkmap/calls', { schema: { tags, body: publicCall, response: { 202: callAnswer } } }, async (request, reply) =>
      // request.ip is the client's address as seen through the trusted proxies, never one it names itself.
      reply.status(202).send(await service.submitCall(deps, request.body, request.ip)),
    );
    app.post('/public/networkmap/calls/confirm', { schema: { tags, body: tokenBody, response: { 200: confirmOut } } }, async (request) => service.confirmCall(deps, request.body.token));
    app.post('/public/networkmap/own', { schema: { tags, description: 'The submitter reads their initiative through the private link (POST keeps the token out of logs).', body: tokenBody, response: { 200: ownInitiativeOut } } }, async (request) =>
      answer(ownInitiativeOut, await service.readOwn(deps, request.body.token)),
    );
    app.put('/public/networkmap/own', { schema: { tags, body: editBody, response: { 200: z.object({ status: z.string() }) } } }, async (request) => {
      const { token, ...input } = request.body;
      return service.editOwn(deps, token, input);
    });
  };
}
