import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../audit/index.js';
import type { SecretBox } from '../../crypto/index.js';
import type { Db, Executor } from '../../db/index.js';
import { AppError, rateLimited, unauthenticated } from '../../http/index.js';
import type { Mailer } from '../../mail/mailer.js';
import type { MailTemplate } from '../../mail/render.js';
import { hashToken } from '../sessions.js';
import { matchTotp, newTotpSecret } from '../totp.js';
import { findCitizenByEmail, normaliseEmail, type CitizenAccount } from './accounts.js';
import { createCitizenSession } from './sessions.js';
import { chargeSignInRequest, type SignInThrottle } from './throttle.js';

/** Short enough that a forwarded or old mail is harmless, long enough to reach the mailbox and click. */
export const SIGN_IN_LINK_MINUTES = 15;
/** Wrong TOTP codes before a link is spent: a stolen link must not become a code-guessing oracle. */
const MAX_TOTP_FAILURES = 5;

export interface SignInDeps {
  db: Db;
  secretBox: SecretBox;
  mailer: Mailer;
}

/** The web page a sign-in link opens; the token rides in the fragment, which browsers never send to a server. */
export const SIGN_IN_PAGE = '/burger/inloggen/bevestigen';

type SignInAuditAction = 'send_sign_in_link' | 'sign_in' | 'sign_out';

export async function auditCitizen(executor: Executor, citizen: Pick<CitizenAccount, 'id' | 'name' | 'allianceId'>, action: SignInAuditAction, outcome: 'allowed' | 'refused', reason: string | null = null): Promise<void> {
  await appendAudit(executor, [
    {
      allianceId: citizen.allianceId,
      userId: citizen.id,
      userName: citizen.name,
      organisationId: null,
      role: 'citizen',
      clientId: null,
      clientOrganisationId: null,
      action,
      resource: 'citizen_session',
      fields: [],
      purpose: null,
      reason,
      grantId: null,
      outcome,
    },
  ]);
}

/** The mail a sign-in link goes out in: the plain sign-in, or an invitation (a care circle's) with its own words. */
export interface SignInMail {
  template: Extract<MailTemplate, 'citizenSignIn' | 'circleInvitation'>;
  params: Record<string, string>;
}

/**
 * Mails a sign-in link to an account. Modules call this too, e.g. after a first respite request, with
 * `next` the page of the web app the citizen lands on once signed in.
 */
export async function sendSignInLink(deps: SignInDeps, citizen: CitizenAccount, next?: string, mail: SignInMail = { template: 'citizenSignIn', params: {} }): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await deps.db
    .insertInto('citizen_sign_in_link')
    .values({ token_hash: hashToken(token), citizen_id: citizen.id, expires_at: new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000) })
    .execute();
  await auditCitizen(deps.db, citizen, 'send_sign_in_link', 'allowed');
  const fragment = new URLSearchParams({ token, ...(next?.startsWith('/') && !next.startsWith('//') ? { next } : {}) });
  await deps.mailer.send({
    allianceId: citizen.allianceId,
    to: citizen.email,
    language: citizen.language,
    template: mail.template,
    params: { ...mail.params, name: citizen.name, minutes: String(SIGN_IN_LINK_MINUTES) },
    link: { path: `${SIGN_IN_PAGE}#${fragment.toString()}`, secret: true },
  });
}

/**
 * The answer to "mail me a sign-in link" is the same whether the address has an account or not: the
 * throttle counts the address as typed, and an unknown address simply gets no mail. The link is made
 * and mailed after the answer (the returned promise), so the answer's timing does not tell either.
 */
export async function requestSignInLink(deps: SignInDeps, throttle: SignInThrottle, email: string, source: string): Promise<{ sending: Promise<void> }> {
  const address = normaliseEmail(email);
  const wait = await chargeSignInRequest(deps.db, throttle, address, source);
  if (wait !== undefined) throw rateLimited(wait);
  const citizen = await findCitizenByEmail(deps.db, address);
  return { sending: citizen ? sendSignInLink(deps, citizen) : Promise.resolve() };
}

const invalidLink = () => unauthenticated('This sign-in link is unknown, used or expired');

/** Whether a link can still be used, without using it (mail scanners open links; only the POST signs in). */
export async function checkSignInLink(db: Db, token: string): Promise<{ secondFactor: boolean }> {
  const row = await db
    .selectFrom('citizen_sign_in_link as l')
    .innerJoin('citizen as c', 'c.id', 'l.citizen_id')
    .select(['c.totp_enabled'])
    .where('l.token_hash', '=', hashToken(token))
    .where('l.used_at', 'is', null)
    .where('l.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) throw invalidLink();
  return { secondFactor: row.totp_enabled };
}

type Attempt = { kind: 'signed-in'; citizenId: string } | { kind: 'refused'; error: AppError };

/**
 * Uses a link once and opens a session. The link row is locked, so two parallel uses get one session.
 * A refusal of a known link (used, expired, wrong code) is audited under its citizen.
 */
export async function confirmSignInLink(deps: SignInDeps, token: string, totp: string | undefined): Promise<string> {
  const attempt = await deps.db.transaction().execute(async (trx): Promise<Attempt | undefined> => {
    const link = await trx
      .selectFrom('citizen_sign_in_link as l')
      .innerJoin('citizen as c', 'c.id', 'l.citizen_id')
      .select(['l.token_hash', 'l.used_at', 'l.expires_at', 'l.totp_failures', 'c.id', 'c.name', 'c.alliance_id', 'c.totp_enabled', 'c.totp_secret_enc', 'c.totp_last_step'])
      .where('l.token_hash', '=', hashToken(token))
      .forUpdate('l')
      .executeTakeFirst();
    if (!link) return undefined;
    const citizen = { id: link.id, name: link.name, allianceId: link.alliance_id };
    const refuse = async (reason: string, error: AppError): Promise<Attempt> => {
      await auditCitizen(trx, citizen, 'sign_in', 'refused', reason);
      return { kind: 'refused', error };
    };
    if (link.used_at) return refuse('link already used', invalidLink());
    if (link.expires_at <= new Date()) return refuse('link expired', invalidLink());
    if (link.totp_enabled && link.totp_secret_enc) {
      if (!totp) return { kind: 'refused', error: new AppError('SECOND_FACTOR_REQUIRED', 'Enter the code from your authenticator app') };
      const step = matchTotp(deps.secretBox.open(link.totp_secret_enc), totp);
      if (step === undefined || (link.totp_last_step !== null && step <= Number(link.totp_last_step))) {
        const failures = link.totp_failures + 1;
        await trx
          .updateTable('citizen_sign_in_link')
          .set({ totp_failures: failures, ...(failures >= MAX_TOTP_FAILURES ? { used_at: new Date() } : {}) })
          .where('token_hash', '=', link.token_hash)
          .execute();
        return refuse('wrong second factor', new AppError('SECOND_FACTOR_REQUIRED', 'Wrong code'));
      }
      await trx.updateTable('citizen').set({ totp_last_step: step }).where('id', '=', link.id).execute();
    }
    await trx.updateTable('citizen_sign_in_link').set({ used_at: new Date() }).where('token_hash', '=', link.token_hash).execute();
    await auditCitizen(trx, citizen, 'sign_in', 'allowed');
    return { kind: 'signed-in', citizenId: link.id };
  });
  if (!attempt) throw invalidLink();
  if (attempt.kind === 'refused') throw attempt.error;
  return createCitizenSession(deps.db, attempt.citizenId);
}

/** Turns on TOTP for a signed-in citizen: step one stores a new secret, step two enables it with a code. */
export async function startCitizenTotp(deps: SignInDeps, citizenId: string): Promise<string> {
  const secret = newTotpSecret();
  await deps.db.updateTable('citizen').set({ totp_secret_enc: deps.secretBox.seal(secret), totp_enabled: false }).where('id', '=', citizenId).execute();
  return secret;
}

export async function enableCitizenTotp(deps: SignInDeps, citizenId: string, code: string): Promise<void> {
  const row = await deps.db.selectFrom('citizen').select(['totp_secret_enc']).where('id', '=', citizenId).executeTakeFirst();
  const step = row?.totp_secret_enc ? matchTotp(deps.secretBox.open(row.totp_secret_enc), code) : undefined;
  if (step === undefined) throw new AppError('SECOND_FACTOR_REQUIRED', 'Wrong code');
  await deps.db.updateTable('citizen').set({ totp_enabled: true, totp_last_step: step }).where('id', '=', citizenId).execute();
}
