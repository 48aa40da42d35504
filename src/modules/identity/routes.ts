import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, SESSION_COOKIE, SESSION_HOURS } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { unauthenticated } from '../../platform/http/index.js';
import { loginBody, meResponse, switchOrganisationBody, totpEnableBody } from './schemas.js';
import * as service from './service.js';

const ok = z.object({ ok: z.literal(true) });

/** The login's email as a rate-limit key part; the body is not validated yet at that point. */
const emailOf = (body: unknown) => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  // Secure whenever the request came over TLS (directly or via a proxy that says so).
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/', maxAge: SESSION_HOURS * 3600 });
}

function sessionOf(request: FastifyRequest) {
  requireContext(request, { allowPendingSecondFactor: true });
  const session = request.auth?.session;
  if (!session) throw unauthenticated('A staff session is required');
  return session;
}

export function identityRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], body: loginBody, response: { 200: z.object({ secondFactorDone: z.boolean() }) } },
        // Rate limit per address and account on top of the account lock-out.
        config: { rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (r: FastifyRequest) => `${r.ip}:${emailOf(r.body)}` } },
      },
      async (request, reply) => {
        const result = await service.login(deps, request.body);
        setSessionCookie(request, reply, result.token);
        return { secondFactorDone: result.secondFactorDone };
      },
    );
    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: ok } } }, async (request, reply) => {
      await service.logout(deps.db, sessionOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });
    app.post('/auth/logout-everywhere', { schema: { tags: ['auth'], response: { 200: ok } } }, async (request, reply) => {
      await service.logoutEverywhere(deps.db, sessionOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });
    app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (request) => {
      const session = sessionOf(request);
      return service.describeMe(deps.db, requireContext(request, { allowPendingSecondFactor: true }), session);
    });
    app.post('/auth/organisation', { schema: { tags: ['auth'], body: switchOrganisationBody, response: { 200: ok } } }, async (request) => {
      requireContext(request);
      await service.switchOrganisation(deps.db, sessionOf(request), request.body.organisationId);
      return { ok: true as const };
    });
    app.post('/auth/totp/setup', { schema: { tags: ['auth'], response: { 200: z.object({ secret: z.string(), uri: z.string() }) } } }, async (request) =>
      service.startTotpSetup(deps, sessionOf(request).userId),
    );
    app.post('/auth/totp/enable', { schema: { tags: ['auth'], body: totpEnableBody, response: { 200: ok } } }, async (request) => {
      await service.finishTotpSetup(deps, sessionOf(request), request.body.code);
      return { ok: true as const };
    });
  };
}
