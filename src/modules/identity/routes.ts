import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, sessionCookieIsSecure, SESSION_COOKIE, SESSION_HOURS, type CookieSecure } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { unauthenticated } from '../../platform/http/index.js';
import { login } from './login/login.js';
import { pruneThrottle } from './login/throttle-store.js';
import type { LoginThrottles } from './login/throttle.js';
import { loginBody, meResponse, switchAllianceBody, switchOrganisationBody, totpEnableBody } from './schemas.js';
import * as service from './service.js';

const ok = z.object({ ok: z.literal(true) });

export interface IdentityOptions {
  throttles: LoginThrottles;
  cookieSecure: CookieSecure;
}

const PRUNE_EVERY_MS = 10 * 60_000;

function sessionOf(request: FastifyRequest) {
  requireContext(request, { allowPendingSecondFactor: true });
  const session = request.auth?.session;
  if (!session) throw unauthenticated('A staff session is required');
  return session;
}

export function identityRoutes(deps: PlatformDeps, options: IdentityOptions): FastifyPluginAsyncZod {
  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: sessionCookieIsSecure(request, options.cookieSecure), path: '/', maxAge: SESSION_HOURS * 3600 });
  // One derived key for the device cache, so the session keys reveal nothing about SECRET_KEY or each other.
  const deviceCacheRoot = deps.secretBox.subKey('nurse-device-cache');
  return async (app) => {
    const forgetAfterSeconds = Math.max(options.throttles.account.forgetAfterSeconds, options.throttles.source.forgetAfterSeconds);
    const pruner = setInterval(() => {
      pruneThrottle(deps.db, forgetAfterSeconds).catch((error: unknown) => app.log.error(error));
    }, PRUNE_EVERY_MS);
    pruner.unref();
    app.addHook('onClose', (_instance, done) => {
      clearInterval(pruner);
      done();
    });

    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], body: loginBody, response: { 200: z.object({ secondFactorDone: z.boolean() }) } },
      },
      async (request, reply) => {
        // request.ip is the client's address as seen through TRUST_PROXY_HOPS trusted proxies, never one it names itself.
        const result = await login(deps, options.throttles, request.body, request.ip);
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
    app.get(
      '/auth/device-key',
      { schema: { tags: ['auth'], description: "This session's key for what the nurse app keeps on the phone (AES-GCM, 256 bits, base64url). Derived from the session, never stored: the phone keeps it apart from the data, and after logout no request can get it again.", response: { 200: z.object({ key: z.string() }) } } },
      async (request, reply) => {
        requireContext(request);
        const session = sessionOf(request);
        void reply.header('cache-control', 'no-store');
        return { key: createHmac('sha256', deviceCacheRoot).update(session.tokenHash).digest('base64url') };
      },
    );
    app.post('/auth/organisation', { schema: { tags: ['auth'], body: switchOrganisationBody, response: { 200: ok } } }, async (request) => {
      requireContext(request);
      await service.switchOrganisation(deps.db, sessionOf(request), request.body.organisationId);
      return { ok: true as const };
    });
    app.post('/auth/alliance', { schema: { tags: ['auth'], body: switchAllianceBody, response: { 200: ok } } }, async (request) => {
      await service.switchAlliance(deps.db, requireContext(request), sessionOf(request), request.body.allianceId);
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
