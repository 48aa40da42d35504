import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { loopBatch, type Db } from '../db/index.js';
import { chooseActingAlliance, roles as allRoles, type StaffContext, type Role } from '../access/index.js';

export const SESSION_COOKIE = 'sz_session';
export const SESSION_HOURS = 12;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionState {
  tokenHash: string;
  userId: string;
  organisationId: string;
  /** The alliance chosen in this session, as stored; the context's acting alliance is derived from it. */
  allianceId: string | null;
  secondFactorDone: boolean;
}

export async function createSession(db: Db, userId: string, organisationId: string, secondFactorDone: boolean): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const allianceId = await teamAlliance(db, userId, organisationId);
  await db
    .insertInto('user_session')
    .values({ token_hash: hashToken(token), user_id: userId, organisation_id: organisationId, alliance_id: allianceId, second_factor_done: secondFactorDone, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000) })
    .execute();
  return token;
}

/**
 * The alliance a session starts in when the organisation is in several: the one whose team the user
 * works in (Icare's night coordinator lands in the night alliance, not before a choice between it and
 * the respite pilot), if that is exactly one; else none, and the user chooses.
 */
export async function teamAlliance(db: Db, userId: string, organisationId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('team_member as tm')
    .innerJoin('team', 'team.id', 'tm.team_id')
    .innerJoin('alliance_membership as m', (join) => join.onRef('m.alliance_id', '=', 'team.alliance_id').on('m.organisation_id', '=', organisationId))
    .select('team.alliance_id')
    .distinct()
    .where('tm.user_id', '=', userId)
    .where('tm.organisation_id', '=', organisationId)
    .execute();
  return rows.length === 1 ? (rows[0]?.alliance_id ?? null) : null;
}

/**
 * The acting context of a user within one organisation: roles there and the alliances it belongs to,
 * acting in `allianceId` when given (and a member), else in the organisation's only alliance.
 */
export async function userContext(db: Db, userId: string, organisationId: string, allianceId?: string): Promise<StaffContext | undefined> {
  const [user, roleRows, alliances] = await Promise.all([
    db.selectFrom('app_user').select(['id', 'name']).where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('staff_role').select('role').where('user_id', '=', userId).where('organisation_id', '=', organisationId).execute(),
    db.selectFrom('alliance_membership').select('alliance_id').where('organisation_id', '=', organisationId).execute(),
  ]);
  if (!user || roleRows.length === 0) return undefined;
  // A stable order so the audit's "role" column is predictable.
  const roles = toRoles(roleRows.map((r) => r.role));
  const allianceIds = alliances.map((a) => a.alliance_id);
  return { actorKind: 'user', actorId: user.id, actorName: user.name, organisationId, roles, allianceIds, allianceId: chooseActingAlliance(allianceIds, allianceId) };
}

const toRoles = (values: string[]): Role[] =>
  values.filter((r): r is Role => (allRoles as readonly string[]).includes(r)).sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b));

export interface SessionContext {
  session: SessionState;
  /** Undefined when the user holds no role in the session's organisation any more. */
  ctx: StaffContext | undefined;
  expiresAt: Date;
}

/** Sessions with their user, roles in the session's organisation and its alliances, for many tokens in one statement. */
async function loadSessionContexts(db: Db, tokenHashes: readonly string[]): Promise<(SessionContext | undefined)[]> {
  const rows = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.user_id',
      's.organisation_id',
      's.alliance_id',
      's.second_factor_done',
      's.expires_at',
      'u.name',
      sql<string[]>`array(SELECT r.role FROM staff_role r WHERE r.user_id = s.user_id AND r.organisation_id = s.organisation_id)`.as('roles'),
      sql<string[]>`array(SELECT m.alliance_id::text FROM alliance_membership m WHERE m.organisation_id = s.organisation_id)`.as('alliance_ids'),
    ])
    .where('s.token_hash', 'in', [...new Set(tokenHashes)])
    .where('s.expires_at', '>', new Date())
    .execute();
  const byHash = new Map(
    rows.map((row): [string, SessionContext] => {
      const session = { tokenHash: row.token_hash, userId: row.user_id, organisationId: row.organisation_id, allianceId: row.alliance_id, secondFactorDone: row.second_factor_done };
      const roles = toRoles(row.roles);
      const allianceId = chooseActingAlliance(row.alliance_ids, row.alliance_id);
      const ctx: StaffContext | undefined = roles.length
        ? { actorKind: 'user', actorId: row.user_id, actorName: row.name, organisationId: row.organisation_id, roles, allianceIds: row.alliance_ids, allianceId }
        : undefined;
      return [row.token_hash, { session, ctx, expiresAt: row.expires_at }];
    }),
  );
  return tokenHashes.map((hash) => byHash.get(hash));
}

/** A session's context by its token's hash. */
export type SessionLoad = (tokenHash: string) => Promise<SessionContext | undefined>;

/**
 * Resolves a session token into its acting context. This runs on every API request, so the lookups
 * of all requests in one event-loop turn share one statement, behind `keep`, the instance's session
 * cache, which drops everything on any change to sessions or roles on any instance (session-cache.ts).
 */
export function sessionContextLookup(db: Db, keep: (load: SessionLoad) => SessionLoad): (token: string) => Promise<SessionContext | undefined> {
  const load = keep(loopBatch((hashes: readonly string[]) => loadSessionContexts(db, hashes)));
  return (token) => load(hashToken(token));
}

/** COOKIE_SECURE: `auto` marks the session cookie Secure when the request came over TLS, as seen through the trusted proxies. */
export type CookieSecure = 'auto' | 'true' | 'false';

export function sessionCookieIsSecure(request: FastifyRequest, setting: CookieSecure): boolean {
  if (setting !== 'auto') return setting === 'true';
  if (request.protocol === 'https') return true;
  // The usual cause of a lost Secure flag: a TLS proxy in front whose X-Forwarded-Proto is not trusted.
  if (request.headers['x-forwarded-proto'] === 'https') {
    request.log.warn('session cookie sent without Secure: a proxy reports https but is not trusted; set TRUST_PROXY_HOPS or COOKIE_SECURE=true');
  }
  return false;
}
