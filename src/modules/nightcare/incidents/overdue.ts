import { sql } from 'kysely';
import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { Db } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden } from '../../../platform/http/index.light.js';
import { notifyIncident } from '../live.js';
import { RESPONSE_MINUTES } from './triage.js';

/** Per run; the rest waits for the next sweep. */
const BATCH = 200;

/**
 * The response time of the incident's urgency in minutes: the alliance's norm (`alliance.response_norms`,
 * the setting the KPIs read too; null there means "no norm"), else the default of `RESPONSE_MINUTES`, so
 * SQL, the board's timers and the KPIs agree.
 */
const defaultMinutes = `CASE i.urgency ${Object.entries(RESPONSE_MINUTES)
  .filter((e): e is [string, number] => e[1] !== null)
  .map(([u, m]) => `WHEN '${u}' THEN ${m}`)
  .join(' ')} END`;
const normMinutes = sql.raw(`CASE WHEN a.response_norms ? i.urgency THEN (a.response_norms -> i.urgency ->> 'minutes')::int ELSE ${defaultMinutes} END`);

/**
 * The closed-loop alert: an open incident with no nurse on site by its urgency's deadline gets an
 * `overdue_alert` event (round 1) that every open board shows, and a second one (round 2) the alliance's
 * `overdue_repeat_minutes` later if still nobody is there. Each alert is an append-only event in the
 * incident's history, so who was alerted when stays on record. Safe on every instance at once: the
 * unique index on (incident, round) stores each round once, and only a stored one is pushed live.
 * `now` is injectable so tests move the clock instead of sleeping.
 */
export async function sweepOverdue(deps: PlatformDeps, now = new Date()): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ incident_id: string; alliance_id: string }>`
      WITH due AS (
        SELECT i.id, i.alliance_id, i.received_at + make_interval(mins => ${normMinutes}) AS deadline_at,
               (SELECT e.at FROM incident_event e WHERE e.incident_id = i.id AND e.type = 'overdue_alert' AND e.details->>'round' = '1') AS first_at,
               (SELECT count(*) FROM incident_event e WHERE e.incident_id = i.id AND e.type = 'overdue_alert') AS alerts,
               a.overdue_repeat_minutes
        FROM incident i JOIN alliance a ON a.id = i.alliance_id
        WHERE i.closed_at IS NULL AND i.on_site_at IS NULL AND ${normMinutes} IS NOT NULL
          AND i.received_at + make_interval(mins => ${normMinutes}) <= ${now}
          AND NOT EXISTS (SELECT 1 FROM incident_event e WHERE e.incident_id = i.id AND e.type = 'overdue_alert' AND e.details->>'round' = '2')
        ORDER BY i.received_at LIMIT ${BATCH}
      ), rounds AS (
        SELECT id, alliance_id, deadline_at, 1 AS round FROM due WHERE alerts = 0
        UNION ALL
        SELECT id, alliance_id, deadline_at, 2 FROM due
        WHERE alerts = 1 AND first_at + make_interval(mins => overdue_repeat_minutes) <= ${now}
      ), inserted AS (
        INSERT INTO incident_event (incident_id, at, type, details)
        SELECT id, ${now}, 'overdue_alert', jsonb_build_object('round', round::text, 'deadlineAt', deadline_at)
        FROM rounds
        ON CONFLICT (incident_id, (details->>'round')) WHERE type = 'overdue_alert' DO NOTHING
        RETURNING incident_id
      )
      SELECT inserted.incident_id, rounds.alliance_id FROM inserted JOIN rounds ON rounds.id = inserted.incident_id`.execute(trx);
    for (const row of rows) await notifyIncident(trx, { allianceId: row.alliance_id, incidentId: row.incident_id, type: 'overdue_alert' });
    return rows.length;
  });
}

/** Alliance administrators set how long after the first closed-loop alert the second one follows. */
export async function setOverdueRepeatMinutes(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; repeatMinutes: number }): Promise<void> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators set the overdue alert');
  await deps.db.updateTable('alliance').set({ overdue_repeat_minutes: input.repeatMinutes }).where('id', '=', actingAlliance(ctx, input.allianceId)).execute();
}

/** Open incidents past their deadline without a nurse on site, by the same rule as the sweep: for the metrics. */
export async function countOverdue(db: Db, now = new Date()): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM incident i JOIN alliance a ON a.id = i.alliance_id
    WHERE i.closed_at IS NULL AND i.on_site_at IS NULL AND ${normMinutes} IS NOT NULL
      AND i.received_at + make_interval(mins => ${normMinutes}) <= ${now}`.execute(db);
  return rows[0]?.n ?? 0;
}
