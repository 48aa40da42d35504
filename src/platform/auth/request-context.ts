import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { clientDataRoles, hasRole, type AccessContext, type Role, type StaffContext } from '../access/index.js';
import { AppError, forbidden, unauthenticated } from '../http/index.js';
import { apiKeyContext } from './api-keys.js';
import { registerSessionCache, SessionCache, SESSION_CACHE_MAX_AGE_MS } from './session-cache.js';
import { SESSION_COOKIE, sessionContextLookup, type SessionState } from './sessions.js';

export interface RequestAuth {
  ctx: AccessContext;
  session?: SessionState;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: RequestAuth;
  }
}

/**
 * Resolves the session cookie or API key of every API request into an access context. Sessions go
 * through the instance's session cache, which listens on `databaseUrl` (the primary); `sessionCacheMs`
 * 0 keeps nothing.
 */
export async function installAuthentication(app: FastifyInstance, db: Db, databaseUrl: string, sessionCacheMs = SESSION_CACHE_MAX_AGE_MS): Promise<void> {
  app.decorateRequest('auth', undefined);
  const cache = new SessionCache(databaseUrl, sessionCacheMs);
  await cache.start();
  registerSessionCache(db, cache);
  app.addHook('onClose', cache.close);
  const findSessionContext = sessionContextLookup(db, (load) => cache.around(load));
  app.addHook('onRequest', async (request) => {
    // The FHIR API (/fhir/) takes the same sessions and API keys; its bearer tokens are its own (modules/fhir).
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir/')) return;
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      const ctx = await apiKeyContext(db, apiKey);
      if (!ctx) throw unauthenticated('Unknown or revoked API key');
      request.auth = { ctx };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await findSessionContext(token);
    if (found?.ctx) request.auth = { ctx: found.ctx, session: found.session };
  });
}

/**
 * The acting context of a request, or 401. Staff who work with client data must have passed their
 * second factor; until they have set one up they may only reach the set-up routes.
 */
export function requireContext(request: FastifyRequest, options: { allowPendingSecondFactor?: boolean } = {}): AccessContext {
  const auth = request.auth;
  if (!auth) throw unauthenticated();
  if (auth.session && !auth.session.secondFactorDone && !options.allowPendingSecondFactor && hasRole(auth.ctx, ...clientDataRoles)) {
    throw new AppError('SECOND_FACTOR_SETUP_REQUIRED', 'Set up two-factor authentication first');
  }
  return auth.ctx;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): AccessContext {
  const ctx = requireContext(request);
  if (!hasRole(ctx, ...roles)) throw forbidden(`Requires one of the roles: ${roles.join(', ')}`);
  return ctx;
}

export function requireUser(request: FastifyRequest): StaffContext {
  const ctx = requireContext(request);
  if (ctx.actorKind !== 'user') throw forbidden('Staff only');
  return ctx;
}
