import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { indexSearchOut, indexSearchQuery, searchIndex } from './identification-index.js';

export function identificationIndexRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/identification-index',
      {
        schema: {
          tags: ['nightcare'],
          description:
            "The alliance's identification index, for the night coordinator on duty only: links an open incident or a phone call to a client by family name and date of birth, postcode and house number, or alarm account. Each search is audited with its query and the clients it returned.",
          querystring: indexSearchQuery,
          response: { 200: indexSearchOut },
        },
      },
      async (request) => searchIndex(deps, requireUser(request), request.query),
    );
  };
}
