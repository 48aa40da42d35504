import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answer } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { allianceParams, overviewOut, publicAlliancesOut, publicRequest, requestOut } from './schemas.js';
import * as service from './service.js';

const tags = ['respite (public)'];

/** Login-free: what logeerzorg is, where, when there is room, and a request form. No personal data out. */
export function publicRespiteRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public/respite/alliances', { schema: { tags, response: { 200: publicAlliancesOut } } }, async () => service.respiteAlliances(deps));
    app.get('/public/respite/alliances/:allianceId', { schema: { tags, params: allianceParams, response: { 200: overviewOut } } }, async (request) =>
      answer(overviewOut, await service.overview(deps, request.params.allianceId)),
    );
    app.post('/public/respite/alliances/:allianceId/requests', { schema: { tags, params: allianceParams, body: publicRequest, response: { 201: requestOut } } }, async (request, reply) =>
      // request.ip is the client's address as seen through the trusted proxies, never one it names itself.
      reply.status(201).send(await service.submitRequest(deps, request.params.allianceId, request.body, request.ip)),
    );
  };
}
