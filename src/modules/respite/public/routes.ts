import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answer } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { allianceParams, overviewOut, publicAlliancesOut, publicRequest, requestOut } from './schemas.js';
import { publicSearchBody, publicSearchOut } from './search-schemas.js';
import { publicSearch } from './search.js';
import * as service from './service.js';

const tags = ['respite (public)'];

/** Login-free: what logeerzorg is, where, when there is room, and a request form. No personal data out. */
export function publicRespiteRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public/respite/alliances', { schema: { tags, response: { 200: publicAlliancesOut } } }, async () => service.respiteAlliances(deps));
    app.get('/public/respite/alliances/:allianceId', { schema: { tags, params: allianceParams, response: { 200: overviewOut } } }, async (request) =>
      answer(overviewOut, await service.overview(deps, request.params.allianceId)),
    );
    app.post(
      '/public/respite/alliances/:allianceId/search',
      { schema: { tags, description: 'Which places fit these needs and have room for every night. A search that finds none is counted, anonymously, as unmet demand.', params: allianceParams, body: publicSearchBody, response: { 200: publicSearchOut } } },
      async (request) => answer(publicSearchOut, await publicSearch(deps, request.ip, request.params.allianceId, request.body)),
    );
    app.post('/public/respite/alliances/:allianceId/requests', { schema: { tags, params: allianceParams, body: publicRequest, response: { 201: requestOut } } }, async (request, reply) =>
      // request.ip is the client's address as seen through the trusted proxies, never one it names itself.
      reply.status(201).send(await service.submitRequest(deps, request.params.allianceId, request.body, request.ip)),
    );
  };
}
