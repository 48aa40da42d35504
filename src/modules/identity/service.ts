import { isNightTeamMember } from '../nightteam/index.js';
import { allianceUsesMedcom } from '../alliance/index.js';
import type { AccessContext } from '../../platform/access/index.js';
import { newTotpSecret, teamAlliance, totpUri, type SessionState } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, forbidden, invalid, unauthenticated } from '../../platform/http/index.js';
import { consumeTotp } from './login/login.js';
import type { Me } from './schemas.js';
import * as store from './store.js';

export async function describeMe(db: PlatformDeps['db'], ctx: AccessContext, session: SessionState): Promise<Me> {
  const user = await store.findUserById(db, ctx.actorId);
  if (!user) throw unauthenticated();
  const rows = await store.membershipsOf(db, user.id);
  const memberships = new Map<string, Me['memberships'][number]>();
  for (const row of rows) {
    const entry = memberships.get(row.organisationId) ?? { organisationId: row.organisationId, organisationName: row.organisationName, kind: row.kind, roles: [] };
    entry.roles.push(row.role);
    memberships.set(row.organisationId, entry);
  }
  const alliances = await store.alliancesOf(db, session.organisationId);
  const acting = alliances.find((a) => a.id === ctx.allianceId);
  const nightTeam = ctx.allianceId ? await isNightTeamMember(db, ctx.allianceId, user.id) : false;
  const medcom = ctx.allianceId ? await allianceUsesMedcom(db, ctx.allianceId) : false;
  return {
    user: { id: user.id, name: user.name, email: user.email, language: user.preferred_language, totpEnabled: user.totp_enabled },
    activeOrganisationId: session.organisationId,
    activeAllianceId: ctx.allianceId,
    alliances: alliances.map((a) => ({ id: a.id, name: a.name })),
    timeZone: (acting ?? alliances[0])?.time_zone ?? 'Europe/Amsterdam',
    secondFactorDone: session.secondFactorDone,
    memberships: [...memberships.values()],
    nightTeam,
    medcom,
  };
}

export async function switchOrganisation(db: PlatformDeps['db'], session: SessionState, organisationId: string): Promise<void> {
  const memberships = await store.membershipsOf(db, session.userId);
  if (!memberships.some((m) => m.organisationId === organisationId)) throw forbidden('You have no role in that organisation');
  await store.setSessionOrganisation(db, session.tokenHash, organisationId, await teamAlliance(db, session.userId, organisationId));
}

/** Chooses the alliance the session acts in, among those of its organisation (as the organisation is chosen). */
export async function switchAlliance(db: PlatformDeps['db'], ctx: AccessContext, session: SessionState, allianceId: string): Promise<void> {
  if (!ctx.allianceIds.includes(allianceId)) throw forbidden('Your organisation is not a member of that alliance');
  await store.setSessionAlliance(db, session.tokenHash, allianceId);
}

export async function startTotpSetup({ db, secretBox }: PlatformDeps, userId: string): Promise<{ secret: string; uri: string }> {
  const user = await store.findUserById(db, userId);
  if (!user) throw unauthenticated();
  if (user.totp_enabled) throw conflict('Two-factor authentication is already set up');
  const secret = newTotpSecret();
  await store.storeTotpSecret(db, userId, secretBox.seal(secret));
  return { secret, uri: totpUri(secret, user.email) };
}

export async function finishTotpSetup(deps: PlatformDeps, session: SessionState, code: string): Promise<void> {
  const { db } = deps;
  const user = await store.findUserById(db, session.userId);
  if (!user?.totp_secret_enc) throw conflict('Start the set-up first');
  // The set-up code counts as used: it cannot log in a second time.
  if (!(await consumeTotp(deps, user, code))) {
    throw invalid('The code is not valid', [{ path: 'code', code: 'invalid_code', message: 'The code is not valid' }]);
  }
  await store.enableTotp(db, user.id);
  await store.markSecondFactorDone(db, session.tokenHash);
}

export const logout = (db: PlatformDeps['db'], session: SessionState) => store.deleteSession(db, session.tokenHash);
export const logoutEverywhere = (db: PlatformDeps['db'], session: SessionState) => store.deleteAllSessions(db, session.userId);
