import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { installBearerTokens, tokenRoute } from './auth/token-routes.js';
import { installOutcomeHandler } from './outcome.js';
import { baseOf, fhirRoutes } from './routes.js';

export const FHIR_PREFIX = '/fhir/R4';

/**
 * The FHIR R4 API over our own data. Registered with its prefix so its error and not-found handlers
 * (OperationOutcomes) hold for its routes only; every read goes through the same service functions as
 * the REST API, so through platform/access and its audit entries.
 */
export function fhirPlugin(deps: PlatformDeps) {
  return async (app: FastifyInstance) => {
    installOutcomeHandler(app);
    // FHIR clients send their own media type; it parses as JSON.
    app.addContentTypeParser(['application/fhir+json', 'application/json+fhir'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
    installBearerTokens(app, deps);
    await app.register(tokenRoute(deps, (request) => `${baseOf(request, FHIR_PREFIX)}/auth/token`));
    await app.register(fhirRoutes(deps, FHIR_PREFIX, { withTokens: true }));
  };
}
