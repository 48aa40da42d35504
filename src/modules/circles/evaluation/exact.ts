import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/index.js';

/**
 * The evaluation computed exactly from the circles' own tables: the test oracle of the roll-ups
 * (store.ts), which the route reads. Every statement aggregates inside PostgreSQL and returns counts
 * and percentiles per group, never a row per person. Over a million tasks each takes seconds
 * (bench/results/pathways.md), which is why the route does not use them.
 */
export interface Window {
  allianceId: string;
  organisationId: string | null;
  from: Date;
  to: Date;
  timeZone: string;
}

export interface SpreadRow {
  steps: number;
  persons: number;
  within_norm: number;
  mean: number | null;
  q: number[] | null;
}

const INFORMAL = sql`('family', 'neighbour', 'volunteer')`;
const byOrg = (column: RawBuilder<unknown>, w: Window) => (w.organisationId ? sql`AND ${column} = ${w.organisationId}` : sql``);
/** Lead time in hours from the pathway's start (the step's window opens then) to done, with its spread. */
const SPREAD = sql`count(*)::int AS steps, count(DISTINCT t.client_id)::int AS persons,
  count(*) FILTER (WHERE t.done_at <= t.window_end)::int AS within_norm,
  avg(extract(epoch FROM t.done_at - t.window_start) / 3600)::float8 AS mean,
  percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM t.done_at - t.window_start) / 3600) AS q`;
const doneIn = (w: Window) => sql`t.status = 'done' AND t.alliance_id = ${w.allianceId} AND t.done_at >= ${w.from} AND t.done_at < ${w.to} ${byOrg(sql.ref('t.organisation_id'), w)}`;
/** The age reached in the year the period ends (its last day's year minus the birth year), in the bands the figures show. */
const AGE = (w: Window) => sql`(extract(year FROM (${w.to}::timestamptz AT TIME ZONE ${w.timeZone}) - interval '1 day') - extract(year FROM c.date_of_birth))`;
const AGE_GROUP = (w: Window) => sql`CASE WHEN ${AGE(w)} < 65 THEN 'under_65' WHEN ${AGE(w)} < 75 THEN '65_74' WHEN ${AGE(w)} < 85 THEN '75_84' ELSE '85_plus' END`;
const PC4 = sql`left(upper(replace(c.postcode, ' ', '')), 4)`;

/** Each person's newest plan before the period's end: persons with a plan, their goals, the goals met. */
export async function goalFigures(db: Db, w: Window) {
  const { rows } = await sql<{ persons: number; goals: number; met: number }>`
    WITH latest AS (
      SELECT DISTINCT ON (v.circle_id) v.goals FROM circle_plan_version v
      WHERE v.alliance_id = ${w.allianceId} AND v.changed_at < ${w.to} ${byOrg(sql.ref('v.organisation_id'), w)}
      ORDER BY v.circle_id, v.version DESC)
    SELECT count(*)::int AS persons, coalesce(sum(jsonb_array_length(goals)), 0)::int AS goals,
      coalesce(sum((SELECT count(*) FROM jsonb_array_elements(goals) g WHERE (g ->> 'met')::boolean)), 0)::int AS met
    FROM latest`.execute(db);
  return rows[0] ?? { persons: 0, goals: 0, met: 0 };
}

/** Done tasks in the period by who did them: informal members, professionals (an organisation or a formal member), nobody named. */
export async function taskFigures(db: Db, w: Window) {
  const { rows } = await sql<{ done: number; informal: number; professional: number; persons: number }>`
    SELECT count(*)::int AS done,
      count(*) FILTER (WHERE m.kind IN ${INFORMAL})::int AS informal,
      count(*) FILTER (WHERE t.owner_organisation_id IS NOT NULL OR m.kind NOT IN ${INFORMAL})::int AS professional,
      count(DISTINCT t.client_id)::int AS persons
    FROM circle_task t LEFT JOIN circle_member m ON m.id = t.owner_member_id
    WHERE ${doneIn(w)}`.execute(db);
  return rows[0] ?? { done: 0, informal: 0, professional: 0, persons: 0 };
}

/**
 * Per month of the period: the minutes professionals recorded on done tasks, how many done tasks had
 * minutes, and the persons with a circle by the month's end (the denominator of hours per person).
 */
export async function hoursPerMonth(db: Db, w: Window) {
  const { rows } = await sql<{ month: string; minutes: number; tasks_with_minutes: number; persons: number }>`
    WITH months AS (
      SELECT m AS start, m + interval '1 month' AS stop
      FROM generate_series(date_trunc('month', ${w.from}::timestamptz AT TIME ZONE ${w.timeZone}), ${w.to}::timestamptz AT TIME ZONE ${w.timeZone} - interval '1 microsecond', interval '1 month') m),
    effort AS (
      SELECT date_trunc('month', t.done_at AT TIME ZONE ${w.timeZone}) AS start, sum(t.effort_minutes)::int AS minutes, count(t.effort_minutes)::int AS tasks_with_minutes
      FROM circle_task t WHERE ${doneIn(w)} AND t.effort_minutes IS NOT NULL GROUP BY 1)
    SELECT to_char(months.start, 'YYYY-MM') AS month, coalesce(effort.minutes, 0) AS minutes, coalesce(effort.tasks_with_minutes, 0) AS tasks_with_minutes,
      (SELECT count(*) FROM circle ci WHERE ci.alliance_id = ${w.allianceId} AND ci.created_at < months.stop AT TIME ZONE ${w.timeZone} ${byOrg(sql.ref('ci.organisation_id'), w)})::int AS persons
    FROM months LEFT JOIN effort ON effort.start = months.start ORDER BY months.start`.execute(db);
  return rows;
}

/** Pathway steps done in the period per owning organisation (null: an informal member) and step. */
export async function leadTimesByOrganisation(db: Db, w: Window) {
  const { rows } = await sql<SpreadRow & { organisation_id: string | null; organisation_name: string | null; step: string; norm_hours: number }>`
    SELECT t.owner_organisation_id AS organisation_id, o.name AS organisation_name, t.pathway_step AS step,
      max(extract(epoch FROM t.window_end - t.window_start) / 3600)::float8 AS norm_hours, ${SPREAD}
    FROM circle_task t LEFT JOIN organisation o ON o.id = t.owner_organisation_id
    WHERE ${doneIn(w)} AND t.pathway_step IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 2, 3`.execute(db);
  return rows;
}

type GroupBy = 'neighbourhood' | 'age_group';
const groupKey = (by: GroupBy, w: Window) => (by === 'neighbourhood' ? PC4 : AGE_GROUP(w));

/** Reach per group: the alliance's persons (clients) in it and how many of them have a circle. */
export async function reachBy(db: Db, w: Window, by: GroupBy) {
  const { rows } = await sql<{ key: string; persons: number; with_circle: number }>`
    SELECT ${groupKey(by, w)} AS key, count(*)::int AS persons, count(ci.id)::int AS with_circle
    FROM client c LEFT JOIN circle ci ON ci.client_id = c.id AND ci.created_at < ${w.to}
    WHERE c.alliance_id = ${w.allianceId} ${byOrg(sql.ref('c.organisation_id'), w)}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

/** Lead times of all pathway steps done in the period per group, with their spread. */
export async function leadTimesBy(db: Db, w: Window, by: GroupBy) {
  const { rows } = await sql<SpreadRow & { key: string }>`
    SELECT ${groupKey(by, w)} AS key, ${SPREAD}
    FROM circle_task t JOIN client c ON c.id = t.client_id
    WHERE ${doneIn(w)} AND t.pathway_step IS NOT NULL
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}
