import { clientDataRoles } from '../../../platform/access/index.js';
import { createSession, dummyHash, matchTotp, verifyPassword } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { AppError, forbidden, invalid, rateLimited, unauthenticated } from '../../../platform/http/index.js';
import type { LoginBody } from '../schemas.js';
import * as store from '../store.js';
import { throttleSource } from './source.js';
import type { LoginThrottles } from './throttle.js';
import * as throttle from './throttle-store.js';

export interface LoginResult {
  token: string;
  secondFactorDone: boolean;
}

type User = NonNullable<Awaited<ReturnType<typeof store.findUserByEmail>>>;

/**
 * Password first, then the TOTP code when the account has one. Wrong credentials and unknown e-mails
 * get the same answer, the same delays (throttling keys on the e-mail as typed) and the same timing (a
 * dummy hash is checked); a correct password without the needed code asks for it.
 *
 * Failures are throttled per source address and per account, never locked out: while an account is
 * delayed, a correct password with a valid, unused TOTP code still gets in, so an attacker elsewhere
 * cannot keep the night coordinator out. Only the source's own delay applies to that login. The answer
 * names which delay applies (`limit`: account or source), so the login page can offer that way in.
 */
export async function login(deps: PlatformDeps, throttles: LoginThrottles, body: LoginBody, source: string): Promise<LoginResult> {
  const { db } = deps;
  const now = new Date();
  const sourceKey = `source:${throttleSource(source)}`;
  const accountKey = `account:${body.email}`;
  const bySource = await throttle.charge(db, sourceKey, throttles.source, now);
  if (bySource.kind === 'blocked') throw rateLimited(bySource.retryAfterSeconds, { limit: 'source' });
  const byAccount = await throttle.charge(db, accountKey, throttles.account, now);
  const found = await store.findUserByEmail(db, body.email);

  if (byAccount.kind === 'blocked') {
    const user = body.totp ? await withPassword(found, body.password) : undefined;
    if (!user?.totp_enabled || !body.totp || !(await consumeTotp(deps, user, body.totp))) throw rateLimited(byAccount.retryAfterSeconds, { limit: 'account' });
    await throttle.refund(db, sourceKey, bySource);
    return startSession(deps, user);
  }

  const user = await withPassword(found, body.password);
  if (!user) throw unauthenticated('Wrong email or password');
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!body.totp) {
      // A correct password is no failure; the code it asks for is charged on its own attempt.
      await Promise.all([throttle.refund(db, sourceKey, bySource), throttle.refund(db, accountKey, byAccount)]);
      throw new AppError('SECOND_FACTOR_REQUIRED', 'Enter the code from your authenticator app');
    }
    if (!(await consumeTotp(deps, user, body.totp))) {
      throw invalid('The code is not valid', [{ path: 'totp', code: 'invalid_code', message: 'The code is not valid' }]);
    }
  }
  await Promise.all([throttle.refund(db, sourceKey, bySource), throttle.forget(db, accountKey)]);
  return startSession(deps, user);
}

/** The user when the password is theirs; checks a dummy hash for an unknown e-mail, so both take as long. */
async function withPassword(user: User | undefined, password: string): Promise<User | undefined> {
  const matches = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  return matches ? user : undefined;
}

/** A valid code whose time step is later than the last one accepted for this user; marks it used. */
export async function consumeTotp({ db, secretBox }: PlatformDeps, user: User, code: string): Promise<boolean> {
  if (!user.totp_secret_enc) return false;
  const step = matchTotp(secretBox.open(user.totp_secret_enc), code);
  return step !== undefined && (await store.useTotpStep(db, user.id, step));
}

async function startSession({ db }: PlatformDeps, user: User): Promise<LoginResult> {
  const memberships = await store.membershipsOf(db, user.id);
  const first = memberships[0];
  if (!first) throw forbidden('This account has no role in any organisation');
  const needsSecondFactor = memberships.some((m) => (clientDataRoles as readonly string[]).includes(m.role));
  const secondFactorDone = user.totp_enabled || !needsSecondFactor;
  return { token: await createSession(db, user.id, first.organisationId, secondFactorDone), secondFactorDone };
}
