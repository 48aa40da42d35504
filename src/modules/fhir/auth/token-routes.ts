import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../../platform/deps.js';
import { unauthenticated } from '../../../platform/http/index.js';
import { issueToken, tokenContext, type TokenRequest } from './token-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The scopes of the FHIR bearer token the request came with; undefined for sessions and API keys. */
    fhirScopes?: string[];
  }
}

/**
 * Resolves a FHIR bearer token into the request's acting context and scopes, in the FHIR plugin's
 * context (a hook of its own plugin would not reach the sibling routes). A bad or expired token is a 401.
 */
export function installBearerTokens(app: FastifyInstance, deps: PlatformDeps): void {
  app.decorateRequest('fhirScopes', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    const found = await tokenContext(deps.db, header.slice('Bearer '.length).trim());
    if (!found) throw unauthenticated('Unknown or expired access token');
    request.auth = { ctx: found.ctx };
    request.fhirScopes = found.scopes;
  });
}

/** The token endpoint; it answers in OAuth's own JSON (RFC 6749 §5), not in OperationOutcomes. */
export function tokenRoute(deps: PlatformDeps, tokenUrl: (request: FastifyRequest) => string) {
  return async (app: FastifyInstance) => {
    // OAuth's token request is a form (RFC 6749 §4.4.2).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    app.post<{ Body: TokenRequest }>('/auth/token', { schema: { hide: true } }, async (request, reply) => {
      const answer = await issueToken(deps.db, request.body ?? {}, tokenUrl(request));
      void reply.header('cache-control', 'no-store');
      if ('error' in answer) return reply.status(answer.error === 'invalid_client' ? 401 : 400).send(answer);
      return reply.send(answer);
    });
  };
}
