import type { AccessContext } from '../../platform/access/index.js';
import { clientDataRoles } from '../../platform/access/index.js';
import { createSession, dummyHash, newTotpSecret, totpUri, verifyPassword, verifyTotp, type SessionState } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, conflict, forbidden, invalid, unauthenticated } from '../../platform/http/index.js';
import type { LoginBody, Me } from './schemas.js';
import * as store from './store.js';

/** Five wrong passwords or codes lock the account for fifteen minutes. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  token: string;
  secondFactorDone: boolean;
}

/**
 * Password first, then the TOTP code when the account has one. Wrong credentials and unknown emails
 * get the same answer; a correct password without the needed code asks for it.
 */
export async function login({ db, secretBox }: PlatformDeps, body: LoginBody): Promise<LoginResult> {
  const user = await store.findUserByEmail(db, body.email);
  if (!user) {
    await verifyPassword(await dummyHash, body.password);
    throw unauthenticated('Wrong email or password');
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `Too many failed attempts; try again after ${user.locked_until.toISOString()}`);
  }
  if (!(await verifyPassword(user.password_hash, body.password))) {
    await store.recordFailedLogin(db, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
    throw unauthenticated('Wrong email or password');
  }
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!body.totp) throw new AppError('SECOND_FACTOR_REQUIRED', 'Enter the code from your authenticator app');
    if (!verifyTotp(secretBox.open(user.totp_secret_enc), body.totp)) {
      await store.recordFailedLogin(db, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
      throw invalid('The code is not valid', [{ path: 'totp', code: 'invalid_code', message: 'The code is not valid' }]);
    }
  }
  const memberships = await store.membershipsOf(db, user.id);
  const first = memberships[0];
  if (!first) throw forbidden('This account has no role in any organisation');
  await store.resetFailedLogins(db, user.id);
  const needsSecondFactor = memberships.some((m) => (clientDataRoles as readonly string[]).includes(m.role));
  const secondFactorDone = user.totp_enabled || !needsSecondFactor;
  return { token: await createSession(db, user.id, first.organisationId, secondFactorDone), secondFactorDone };
}

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
  return {
    user: { id: user.id, name: user.name, email: user.email, language: user.preferred_language, totpEnabled: user.totp_enabled },
    activeOrganisationId: session.organisationId,
    timeZone: (await store.allianceTimeZone(db, session.organisationId)) ?? 'Europe/Amsterdam',
    secondFactorDone: session.secondFactorDone,
    memberships: [...memberships.values()],
  };
}

export async function switchOrganisation(db: PlatformDeps['db'], session: SessionState, organisationId: string): Promise<void> {
  const memberships = await store.membershipsOf(db, session.userId);
  if (!memberships.some((m) => m.organisationId === organisationId)) throw forbidden('You have no role in that organisation');
  await store.setSessionOrganisation(db, session.tokenHash, organisationId);
}

export async function startTotpSetup({ db, secretBox }: PlatformDeps, userId: string): Promise<{ secret: string; uri: string }> {
  const user = await store.findUserById(db, userId);
  if (!user) throw unauthenticated();
  if (user.totp_enabled) throw conflict('Two-factor authentication is already set up');
  const secret = newTotpSecret();
  await store.storeTotpSecret(db, userId, secretBox.seal(secret));
  return { secret, uri: totpUri(secret, user.email) };
}

export async function finishTotpSetup({ db, secretBox }: PlatformDeps, session: SessionState, code: string): Promise<void> {
  const user = await store.findUserById(db, session.userId);
  if (!user?.totp_secret_enc) throw conflict('Start the set-up first');
  if (!verifyTotp(secretBox.open(user.totp_secret_enc), code)) {
    throw invalid('The code is not valid', [{ path: 'code', code: 'invalid_code', message: 'The code is not valid' }]);
  }
  await store.enableTotp(db, user.id);
  await store.markSecondFactorDone(db, session.tokenHash);
}

export const logout = (db: PlatformDeps['db'], session: SessionState) => store.deleteSession(db, session.tokenHash);
export const logoutEverywhere = (db: PlatformDeps['db'], session: SessionState) => store.deleteAllSessions(db, session.userId);
