import { sql } from 'kysely';
import type { PlatformDeps } from '../../../platform/deps.js';
import { circlePage } from '../circle/service.js';

/** Per run; the rest waits for the next sweep. */
const BATCH = 200;

interface Escalated {
  task_id: string;
  client_id: string;
  alliance_id: string;
  coordinator_email: string | null;
  coordinator_name: string | null;
  coordinator_language: 'nl' | 'en' | 'da' | null;
}

/**
 * Escalates tasks whose window has closed while still requested or accepted: an event on the
 * person's timeline naming the coordinator, and a mail to a citizen coordinator that only says
 * "look" (never what). Home tasks wait while the person is in hospital. Safe on every instance at
 * once: the rows are claimed FOR UPDATE SKIP LOCKED and marked in the same statement, so each task
 * escalates once. `now` is injectable so tests move the clock instead of sleeping.
 */
export async function sweepOverdueTasks(deps: PlatformDeps, now = new Date()): Promise<number> {
  const rows = await deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<Escalated>`
      WITH due AS (
        SELECT t.id FROM circle_task t JOIN circle c ON c.id = t.circle_id
        WHERE t.status IN ('requested', 'accepted') AND t.escalated_at IS NULL AND t.window_end <= ${now}
          AND NOT (c.paused_at IS NOT NULL AND t.place = 'home')
        ORDER BY t.window_end LIMIT ${BATCH}
        FOR UPDATE OF t SKIP LOCKED
      ), marked AS (
        UPDATE circle_task t SET escalated_at = ${now} FROM due WHERE t.id = due.id
        RETURNING t.id, t.circle_id, t.client_id, t.alliance_id, t.organisation_id
      ), coordinator AS (
        SELECT DISTINCT ON (m.circle_id) m.circle_id, m.name, ci.email, ci.language
        FROM circle_member m LEFT JOIN citizen ci ON ci.id = m.citizen_id
        WHERE m.coordinator AND m.removed_at IS NULL AND m.circle_id IN (SELECT circle_id FROM marked)
      ), events AS (
        INSERT INTO circle_event (circle_id, alliance_id, organisation_id, at, type, actor_name, task_id, details)
        SELECT marked.circle_id, marked.alliance_id, marked.organisation_id, ${now}, 'task_escalated', 'Samenzorg', marked.id,
               jsonb_build_object('coordinator', coalesce(coordinator.name, ''))
        FROM marked LEFT JOIN coordinator ON coordinator.circle_id = marked.circle_id
      )
      SELECT marked.id AS task_id, marked.client_id, marked.alliance_id, coordinator.email AS coordinator_email,
             coordinator.name AS coordinator_name, coordinator.language AS coordinator_language
      FROM marked LEFT JOIN coordinator ON coordinator.circle_id = marked.circle_id`.execute(trx);
    return rows;
  });
  // After commit: mail must not go out for an escalation that rolled back.
  for (const row of rows) {
    if (!row.coordinator_email) continue;
    await deps.mailer.send({
      allianceId: row.alliance_id,
      to: row.coordinator_email,
      language: row.coordinator_language ?? 'nl',
      template: 'circleTaskOverdue',
      params: { name: row.coordinator_name ?? '' },
      link: { path: circlePage(row.client_id) },
    });
  }
  return rows.length;
}
