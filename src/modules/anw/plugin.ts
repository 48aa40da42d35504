import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { FHIR_PREFIX, installBearerTokens, installOutcomeHandler } from '../fhir/index.js';
import { bronhouderRoutes } from './bronhouder/routes.js';

export const ANW_PREFIX = '/anw/stu3';

/**
 * The Nuts ANW roles on an STU3 façade: a mapping layer over our own model, not a second store. It
 * takes the FHIR API's machine-client tokens (the same token endpoint, the same access layer and audit)
 * and answers errors as OperationOutcomes, under its own prefix.
 */
export function anwPlugin(deps: PlatformDeps) {
  return async (app: FastifyInstance) => {
    installOutcomeHandler(app);
    app.addContentTypeParser(['application/fhir+json', 'application/json+fhir'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
    installBearerTokens(app, deps);
    await app.register(bronhouderRoutes(deps, ANW_PREFIX, (request) => `${request.protocol}://${request.host}${FHIR_PREFIX}/auth/token`));
  };
}
