import { randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import type { Language } from '../../i18n/index.js';
import { unauthenticated } from '../../http/index.js';
import { hashToken } from '../sessions.js';

/** A cookie of its own: a staff session never reads as a citizen's, nor a citizen's as staff. */
export const CITIZEN_COOKIE = 'sz_citizen';
export const CITIZEN_SESSION_HOURS = 12;

/**
 * A signed-in citizen (a client or an informal caregiver), as a module sees them. It is not an
 * AccessContext: `requireContext` never returns it, so no staff route can serve a citizen. A module that
 * lets a citizen act on a client's record (their own "who looked at my data", a care circle) links the
 * citizen to that client itself and then builds the access context's CitizenContext variant.
 */
export interface CitizenSession {
  actorKind: 'citizen';
  citizenId: string;
  name: string;
  email: string;
  language: Language;
  /** The alliance the account was made for: its audit chain records the sign-ins. */
  allianceId: string;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    citizen?: CitizenSession;
  }
}

export async function createCitizenSession(db: Db, citizenId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('citizen_session')
    .values({ token_hash: hashToken(token), citizen_id: citizenId, expires_at: new Date(Date.now() + CITIZEN_SESSION_HOURS * 3600_000) })
    .execute();
  return token;
}

export const deleteCitizenSession = (db: Db, tokenHash: string) => db.deleteFrom('citizen_session').where('token_hash', '=', tokenHash).execute();

async function findCitizenSession(db: Db, token: string): Promise<CitizenSession | undefined> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('citizen_session as s')
    .innerJoin('citizen as c', 'c.id', 's.citizen_id')
    .select(['c.id', 'c.name', 'c.email', 'c.language', 'c.alliance_id'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  return row && { actorKind: 'citizen', citizenId: row.id, name: row.name, email: row.email, language: row.language, allianceId: row.alliance_id, tokenHash };
}

/** Resolves the citizen cookie of API requests into `request.citizen`; it never sets `request.auth`. */
export function installCitizenAuthentication(app: FastifyInstance, db: Db): void {
  app.decorateRequest('citizen', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[CITIZEN_COOKIE];
    if (token) request.citizen = await findCitizenSession(db, token);
  });
}

/** The signed-in citizen of a request, or 401; staff sessions and API keys are no citizens. */
export function requireCitizen(request: FastifyRequest): CitizenSession {
  if (!request.citizen) throw unauthenticated('Sign in with the link from your e-mail first');
  return request.citizen;
}
