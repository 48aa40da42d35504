import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { idParams } from '../schemas.js';
import * as service from './service.js';

const tags = ['HSDS 3 (open data)'];
/** HSDS openapi.json's `page` and `per_page` parameters. */
const paging = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), per_page: z.coerce.number().int().min(1).max(500).default(50) });
// HSDS documents are described by the official schemas (hsds/validate.ts, tested with ajv); the route
// answers them as they are instead of restating those schemas in zod.
const hsdsDocument = z.record(z.string(), z.unknown());

/** Open Referral's HSDS 3 API paths, public: accepted initiatives only, contacts only with consent. */
export function hsdsRoutes(deps: NetworkMapDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/hsds/services', { schema: { tags, querystring: paging.extend({ search: z.string().trim().max(200).optional(), organization_id: z.uuid().optional() }), response: { 200: hsdsDocument } } }, async (request) =>
      service.listServices(deps.readDb, request.query),
    );
    app.get('/hsds/services/:id', { schema: { tags, params: idParams, response: { 200: hsdsDocument } } }, async (request) => service.getService(deps.readDb, request.params.id));
    app.get('/hsds/organizations', { schema: { tags, querystring: paging, response: { 200: hsdsDocument } } }, async (request) => service.listOrganizations(deps.readDb, request.query));
    app.get('/hsds/export', { schema: { tags, description: 'Every public organisation and fully nested service in one document.', response: { 200: hsdsDocument } } }, async () => service.exportAll(deps.readDb));
    app.post('/api/networkmap/hsds/import', { schema: { tags, body: z.object({ services: z.array(z.unknown()).max(10_000) }), response: { 200: z.object({ added: z.number(), updated: z.number() }) } } }, async (request) =>
      service.importServices(deps, requireUser(request), request.body.services),
    );
  };
}
