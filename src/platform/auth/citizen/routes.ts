import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../http/index.js';
import { totpUri } from '../totp.js';
import { sessionCookieIsSecure, type CookieSecure } from '../sessions.js';
import { findCitizen } from './accounts.js';
import { pruneCitizenSignIn } from './prune.js';
import { CITIZEN_COOKIE, CITIZEN_SESSION_HOURS, deleteCitizenSession, requireCitizen } from './sessions.js';
import { auditCitizen, checkSignInLink, confirmSignInLink, enableCitizenTotp, requestSignInLink, startCitizenTotp, type SignInDeps } from './sign-in.js';
import type { SignInThrottle } from './throttle.js';

export interface CitizenRouteOptions {
  throttle: SignInThrottle;
  cookieSecure: CookieSecure;
}

const ok = z.object({ ok: z.literal(true) });
const PRUNE_EVERY_MS = 10 * 60_000;
const token = z.string().min(20).max(100);
const code = z.string().regex(/^\d{6}$/);

const citizenMe = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  language: z.enum(['nl', 'en', 'da']),
  totpEnabled: z.boolean(),
});

/** Citizen sign-in: a mailed single-use link instead of a password, an optional TOTP code, a session cookie of its own. */
export function citizenAuthRoutes(deps: SignInDeps, options: CitizenRouteOptions): FastifyPluginAsyncZod {
  const setCookie = (request: FastifyRequest, reply: FastifyReply, value: string) =>
    void reply.setCookie(CITIZEN_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: sessionCookieIsSecure(request, options.cookieSecure), path: '/', maxAge: CITIZEN_SESSION_HOURS * 3600 });
  return async (app) => {
    const pruner = setInterval(() => {
      pruneCitizenSignIn(deps.db).catch((error: unknown) => app.log.error(error));
    }, PRUNE_EVERY_MS);
    pruner.unref();
    // Links being made and mailed after their request has been answered; closing waits for them.
    const sending = new Set<Promise<void>>();
    app.addHook('onClose', async () => {
      clearInterval(pruner);
      await Promise.all([...sending]);
    });
    app.post(
      '/citizen/sign-in',
      { schema: { tags: ['citizen'], body: z.object({ email: z.email().max(254) }), response: { 202: ok } } },
      async (request, reply) => {
        // request.ip is the client's address as seen through the trusted proxies, never one it names itself.
        const { sending: mailing } = await requestSignInLink(deps, options.throttle, request.body.email, request.ip);
        const tracked: Promise<void> = mailing.catch((error: unknown) => request.log.error(error)).finally(() => sending.delete(tracked));
        sending.add(tracked);
        return reply.code(202).send({ ok: true as const });
      },
    );
    app.get(
      '/citizen/sign-in/confirm',
      { schema: { tags: ['citizen'], querystring: z.object({ token }), response: { 200: z.object({ secondFactor: z.boolean() }) } } },
      async (request) => checkSignInLink(deps.db, request.query.token),
    );
    app.post(
      '/citizen/sign-in/confirm',
      { schema: { tags: ['citizen'], body: z.object({ token, totp: code.optional() }), response: { 200: ok } } },
      async (request, reply) => {
        setCookie(request, reply, await confirmSignInLink(deps, request.body.token, request.body.totp));
        return { ok: true as const };
      },
    );
    app.get('/citizen/me', { schema: { tags: ['citizen'], response: { 200: citizenMe } } }, async (request) => {
      const account = await findCitizen(deps.db, requireCitizen(request).citizenId);
      if (!account) throw notFound('Citizen');
      return { id: account.id, name: account.name, email: account.email, language: account.language, totpEnabled: account.totpEnabled };
    });
    app.post('/citizen/sign-out', { schema: { tags: ['citizen'], response: { 200: ok } } }, async (request, reply) => {
      const citizen = requireCitizen(request);
      await deleteCitizenSession(deps.db, citizen.tokenHash);
      await auditCitizen(deps.db, { id: citizen.citizenId, name: citizen.name, allianceId: citizen.allianceId }, 'sign_out', 'allowed');
      void reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return { ok: true as const };
    });
    app.post('/citizen/totp/setup', { schema: { tags: ['citizen'], response: { 200: z.object({ secret: z.string(), uri: z.string() }) } } }, async (request) => {
      const citizen = requireCitizen(request);
      const secret = await startCitizenTotp(deps, citizen.citizenId);
      return { secret, uri: totpUri(secret, citizen.email) };
    });
    app.post('/citizen/totp/enable', { schema: { tags: ['citizen'], body: z.object({ code }), response: { 200: ok } } }, async (request) => {
      await enableCitizenTotp(deps, requireCitizen(request).citizenId, request.body.code);
      return { ok: true as const };
    });
  };
}
