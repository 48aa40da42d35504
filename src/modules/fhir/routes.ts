import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireContext } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { forbidden, notFound } from '../../platform/http/index.js';
import { scopesAllowRead } from './auth/scopes.js';
import { searchBundle } from './bundle.js';
import { capabilityStatement } from './capability.js';
import { allergyIntoleranceHandler, flagHandler } from './handlers/night-summary.js';
import { encounterHandler, observationHandler } from './handlers/encounter.js';
import { locationHandler, organizationHandler, practitionerHandler, practitionerRoleHandler } from './handlers/directory.js';
import type { ResourceHandler } from './handlers/handler.js';
import { patientHandler } from './handlers/patient.js';
import { FHIR_JSON } from './outcome.js';
import { fhirId } from './search.js';

export const handlers: readonly ResourceHandler[] = [
  patientHandler,
  organizationHandler,
  practitionerHandler,
  practitionerRoleHandler,
  locationHandler,
  flagHandler,
  allergyIntoleranceHandler,
  encounterHandler,
  observationHandler,
];
const byType = new Map(handlers.map((h) => [h.type, h]));

/** Where the API is reached, for Bundle links and fullUrls: the request's own host, through the trusted proxies. */
export const baseOf = (request: FastifyRequest, prefix: string) => `${request.protocol}://${request.host}${prefix}`;

/** The handler of a resource type, once the caller may read it: a bearer token needs its type's scope. */
function handlerFor(request: FastifyRequest, type: string): ResourceHandler {
  const handler = byType.get(type);
  if (!handler) throw notFound(`Resource type ${type}`);
  if (request.fhirScopes && !scopesAllowRead(request.fhirScopes, handler.type)) throw forbidden(`The access token has no scope system/${handler.type}.read`);
  return handler;
}

/** The FHIR routes: kept out of the REST OpenAPI document (`hide`), answered in application/fhir+json. */
export function fhirRoutes(deps: PlatformDeps, prefix: string, options: { withTokens: boolean }) {
  const hide = { schema: { hide: true } };
  return async (app: FastifyInstance) => {
    app.get('/metadata', hide, async (request, reply) => reply.type(FHIR_JSON).send(capabilityStatement(baseOf(request, prefix), handlers, options.withTokens)));
    app.get<{ Params: { type: string; id: string } }>('/:type/:id', hide, async (request, reply) => {
      const ctx = requireContext(request);
      const handler = handlerFor(request, request.params.type);
      const id = fhirId.safeParse(request.params.id);
      if (!id.success) throw notFound(handler.type);
      return reply.type(FHIR_JSON).send(await handler.read(deps, ctx, id.data));
    });
    app.get<{ Params: { type: string }; Querystring: Record<string, string | string[]> }>('/:type', hide, async (request, reply) => {
      const ctx = requireContext(request);
      const handler = handlerFor(request, request.params.type);
      const parsed = handler.query.parse(request.query);
      const page = { count: parsed._count, offset: parsed._offset };
      const answer = await handler.search(deps, ctx, parsed, page);
      const asked = Object.fromEntries(Object.entries(request.query).filter(([k]) => k !== '_count' && k !== '_offset'));
      return reply.type(FHIR_JSON).send(searchBundle(baseOf(request, prefix), handler.type, asked, page, answer));
    });
  };
}
