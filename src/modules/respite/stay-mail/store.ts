import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

export interface StayMail {
  id: string;
  alliance_id: string;
  location: string;
  from: string;
  to: string;
  email: string;
}

/** Who hears about a stay: the caregiver who asked for it, or the contact on the waiting list it came from. */
const recipient = sql`coalesce(r.contact_email, w.contact_email)`;

/**
 * Claims the stays due for a message and marks them in one statement: a row locked by another instance
 * is skipped (SKIP LOCKED) and a marked one no longer qualifies, so each message is sent once whatever
 * number of instances sweep. Marked before sending: a mail that fails is not repeated (a reminder twice
 * is worse than once missed).
 */
export async function claimDue(trx: Executor, kind: 'reminder' | 'feedback', now: Date, reminderDays: number, feedbackDays: number, limit = 100): Promise<StayMail[]> {
  const today = sql`(${now}::timestamptz AT TIME ZONE a.time_zone)::date`;
  const due =
    kind === 'reminder'
      ? sql`k.reminder_sent_at IS NULL AND lower(k.nights) >= ${today} AND lower(k.nights) <= ${today} + ${reminderDays}::int`
      : sql`k.feedback_asked_at IS NULL AND upper(k.nights) <= ${today} AND upper(k.nights) > ${today} - ${feedbackDays}::int`;
  const mark = kind === 'reminder' ? sql`reminder_sent_at` : sql`feedback_asked_at`;
  const { rows } = await sql<StayMail>`
    WITH due AS (
      SELECT k.id FROM respite_booking k
      JOIN alliance a ON a.id = k.alliance_id
      LEFT JOIN respite_request r ON r.id = k.request_id
      LEFT JOIN respite_waitlist w ON w.id = k.waitlist_id
      WHERE k.kind = 'stay' AND k.status = 'booked' AND ${due} AND ${recipient} IS NOT NULL
      ORDER BY lower(k.nights)
      LIMIT ${limit}
      FOR UPDATE OF k SKIP LOCKED
    ), claimed AS (
      UPDATE respite_booking k SET ${mark} = ${now} FROM due WHERE k.id = due.id
      RETURNING k.id, k.alliance_id, k.location_id, k.nights, k.request_id, k.waitlist_id
    )
    SELECT c.id, c.alliance_id, l.name AS location, lower(c.nights)::text AS "from", upper(c.nights)::text AS "to", ${recipient} AS email
    FROM claimed c
    JOIN respite_location l ON l.id = c.location_id
    LEFT JOIN respite_request r ON r.id = c.request_id
    LEFT JOIN respite_waitlist w ON w.id = c.waitlist_id`.execute(trx);
  return rows;
}
