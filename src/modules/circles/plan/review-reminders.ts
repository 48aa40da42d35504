import { sql } from 'kysely';
import type { PlatformDeps } from '../../../platform/deps.js';
import { formatDate } from '../../../platform/i18n/index.js';
import { circlePage } from '../circle/service.js';

/** Per run; the rest waits for the next sweep. */
const BATCH = 200;

interface Reminder {
  client_id: string;
  alliance_id: string;
  review_on: string;
  person: string;
  email: string;
  name: string;
  language: 'nl' | 'en' | 'da';
}

/**
 * Reminds whoever runs the circle (the person or representative) and a citizen coordinator that the
 * plan's review date is near: `daysAhead` before it, once per plan version (a new version with a new
 * date is reminded again). Safe on every instance at once: the versions are claimed FOR UPDATE SKIP
 * LOCKED and marked in the same statement. The mail says only that a review is due, and when.
 */
export async function sweepReviewReminders(deps: PlatformDeps, daysAhead: number, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const rows = await deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<Reminder & { circle_id: string }>`
      WITH due AS (
        SELECT v.circle_id, v.version FROM circle_plan_version v
        WHERE v.review_on IS NOT NULL AND v.review_reminded_at IS NULL AND v.review_on <= ${today}::date + ${daysAhead}::int
          AND NOT EXISTS (SELECT 1 FROM circle_plan_version n WHERE n.circle_id = v.circle_id AND n.version > v.version)
        ORDER BY v.review_on LIMIT ${BATCH}
        FOR UPDATE OF v SKIP LOCKED
      ), marked AS (
        UPDATE circle_plan_version v SET review_reminded_at = ${now} FROM due
        WHERE v.circle_id = due.circle_id AND v.version = due.version
        RETURNING v.circle_id, v.alliance_id, v.organisation_id, v.review_on
      ), events AS (
        INSERT INTO circle_event (circle_id, alliance_id, organisation_id, at, type, actor_name, details)
        SELECT circle_id, alliance_id, organisation_id, ${now}, 'review_reminded', 'Samenzorg', jsonb_build_object('reviewOn', review_on::text) FROM marked
      )
      SELECT DISTINCT marked.circle_id, c.client_id, marked.alliance_id, marked.review_on::text AS review_on,
             cl.given_name || ' ' || cl.family_name AS person, ci.email, ci.name, ci.language
      FROM marked
      JOIN circle c ON c.id = marked.circle_id
      JOIN client cl ON cl.id = c.client_id
      JOIN citizen ci ON ci.id IN (
        SELECT l.citizen_id FROM client_citizen_link l WHERE l.client_id = c.client_id AND l.ended_at IS NULL
        UNION SELECT m.citizen_id FROM circle_member m WHERE m.circle_id = c.id AND m.coordinator AND m.removed_at IS NULL AND m.citizen_id IS NOT NULL)`.execute(trx);
    return rows;
  });
  // After commit: no reminder for a mark that rolled back.
  for (const r of rows) {
    await deps.mailer.send({
      allianceId: r.alliance_id,
      to: r.email,
      language: r.language,
      template: 'circleReviewDue',
      params: { name: r.name, person: r.person, date: formatDate(r.review_on, r.language) },
      link: { path: circlePage(r.client_id) },
    });
  }
  return new Set(rows.map((r) => r.circle_id)).size;
}
