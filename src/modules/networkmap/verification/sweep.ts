import { sql } from 'kysely';
import type { PlatformDeps } from '../../../platform/deps.js';
import { changeInitiative, dayOf } from '../initiatives/store.js';
import { mailSubmitter } from '../public/mail.js';
import { newToken } from '../tokens.js';

/** Per run; the rest waits for the next sweep. */
const BATCH = 200;
/** Issue 14: an initiative unverified for twelve months is asked whether it still holds. */
export const VERIFY_AFTER = '12 months';

export const reverifyPath = (token: string) => `/netwerkkaart/herbevestigen?token=${token}`;

/**
 * Mails the contact of each accepted initiative unverified for twelve months a one-click link to say it
 * still holds. Once per period: an initiative reminded since its period ran out is skipped until it is
 * verified again (which starts a new period). Safe on every instance at once: rows are claimed FOR
 * UPDATE SKIP LOCKED and marked in the same transaction; mail goes out after commit. `now` is the
 * caller's clock, so tests move it instead of waiting a year.
 */
export async function sweepVerificationReminders(deps: PlatformDeps, now: Date): Promise<number> {
  const today = dayOf(now);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const due = sql<string>`(coalesce(last_verified_on, accepted_at::date) + ${VERIFY_AFTER}::interval)::date`;
    const rows = await trx
      .selectFrom('initiative')
      .selectAll()
      .where('status', '=', 'accepted')
      .where('contact_email', '<>', '')
      .where(sql<boolean>`${due} <= ${today}::date`)
      .where((eb) => eb.or([eb('verify_reminded_at', 'is', null), eb(sql<Date>`verify_reminded_at`, '<', sql<Date>`${due}::timestamptz`)]))
      .orderBy('last_verified_on')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    const mails = [];
    for (const row of rows) {
      const link = newToken();
      await changeInitiative(trx, row, { verify_token_hash: link.hash, verify_reminded_at: now }, { actor_kind: 'system', actor_user_id: null, action: 'verification_reminded' }, now);
      mails.push({ row, token: link.token });
    }
    return mails;
  });
  for (const { row, token } of claimed) {
    await mailSubmitter(deps, { email: row.contact_email, allianceId: row.alliance_id }, 'networkmapVerify', { name: row.contact_name, title: row.title }, reverifyPath(token));
  }
  return claimed.length;
}
