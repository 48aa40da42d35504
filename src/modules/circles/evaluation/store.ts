import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import { QUANTILES, type Bucket } from './histogram.js';

/**
 * The evaluation read from its roll-ups (migration 0037), kept current by triggers in the same
 * transaction as each write: every statement sums at most a few thousand rows of one alliance, scope
 * and range of months, whatever the number of tasks. The exact computation is exact.ts, their oracle.
 */
export interface Window {
  allianceId: string;
  /** The organisation whose persons are counted, or the alliance's own id for all of them. */
  scope: string;
  /** First month of the period (YYYY-MM-01) and the first month after it. */
  fromMonth: string;
  toMonth: string;
  /** The year of the period's last day: ages are those reached in it. */
  endYear: number;
  timeZone: string;
}

const range = (w: Window) => sql`alliance_id = ${w.allianceId} AND scope = ${w.scope} AND month >= ${w.fromMonth}::date AND month < ${w.toMonth}::date`;
/** The key as the figures group it: a birth year becomes the age group of the age reached in the period's last year. */
const groupKey = (w: Window) =>
  sql`CASE WHEN dim <> 'birth_year' THEN key WHEN ${w.endYear}::int - key::int < 65 THEN 'under_65' WHEN ${w.endYear}::int - key::int < 75 THEN '65_74'
    WHEN ${w.endYear}::int - key::int < 85 THEN '75_84' ELSE '85_plus' END`;

/** The newest plan of each person before the period's end: the sum of every month's changes until then. */
export async function goalFigures(db: Db, w: Window) {
  const { rows } = await sql<{ persons: number; goals: number; met: number }>`
    SELECT coalesce(sum(persons), 0)::int AS persons, coalesce(sum(goals), 0)::int AS goals, coalesce(sum(met), 0)::int AS met
    FROM evaluation_goal_month WHERE alliance_id = ${w.allianceId} AND scope = ${w.scope} AND month < ${w.toMonth}::date`.execute(db);
  return rows[0] ?? { persons: 0, goals: 0, met: 0 };
}

/**
 * Each person's newest rating in the period, read from the ratings themselves: "newest in the period"
 * does not add up over months, and there is at most one rating a month per person (76 ms over
 * 60,000 ratings, bench/results/pathways.md).
 */
export async function experienceFigures(db: Db, w: Window) {
  const { rows } = await sql<{ persons: number; mean: number | null; q: number[] | null; counts: number[] }>`
    WITH latest AS (
      SELECT DISTINCT ON (e.client_id) e.rating FROM circle_experience e
      WHERE e.alliance_id = ${w.allianceId} AND e.given_at >= (${w.fromMonth}::timestamp AT TIME ZONE ${w.timeZone}) AND e.given_at < (${w.toMonth}::timestamp AT TIME ZONE ${w.timeZone})
        AND (${w.scope}::uuid = ${w.allianceId}::uuid OR e.organisation_id = ${w.scope}::uuid)
      ORDER BY e.client_id, e.given_at DESC)
    SELECT count(*)::int AS persons, avg(rating)::float8 AS mean,
      percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY rating) AS q,
      ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
        count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)]::int[] AS counts
    FROM latest`.execute(db);
  return rows[0] ?? { persons: 0, mean: null, q: null, counts: [0, 0, 0, 0, 0] };
}

/** Done tasks in the period by who did them, and the bits their persons set. */
export async function taskFigures(db: Db, w: Window) {
  const { rows } = await sql<{ done: number; informal: number; professional: number; bits: number }>`
    SELECT coalesce(sum(done), 0)::int AS done, coalesce(sum(informal), 0)::int AS informal, coalesce(sum(professional), 0)::int AS professional,
      coalesce(bit_count(bit_or(persons)), 0)::int AS bits
    FROM evaluation_task_month WHERE ${range(w)}`.execute(db);
  return rows[0] ?? { done: 0, informal: 0, professional: 0, bits: 0 };
}

/** Per month: the professionals' minutes on done tasks, how many had minutes, and the circles opened by the month's end. */
export async function hoursPerMonth(db: Db, w: Window) {
  const { rows } = await sql<{ month: string; minutes: number; tasks_with_minutes: number; persons: number }>`
    WITH months AS (SELECT m::date AS month FROM generate_series(${w.fromMonth}::date, ${w.toMonth}::date - interval '1 month', interval '1 month') m)
    SELECT to_char(months.month, 'YYYY-MM') AS month, coalesce(t.minutes, 0)::int AS minutes, coalesce(t.with_minutes, 0)::int AS tasks_with_minutes,
      (SELECT coalesce(sum(c.circles), 0) FROM evaluation_circle_month c WHERE c.alliance_id = ${w.allianceId} AND c.scope = ${w.scope} AND c.month <= months.month)::int AS persons
    FROM months LEFT JOIN evaluation_task_month t ON t.alliance_id = ${w.allianceId} AND t.scope = ${w.scope} AND t.month = months.month
    ORDER BY months.month`.execute(db);
  return rows;
}

export type LeadDim = 'step' | 'neighbourhood' | 'birth_year';
export interface LeadCell {
  dim: LeadDim;
  key: string;
  steps: number;
  within_norm: number;
  hours: number;
  norm_hours: number;
  bits: number;
  organisation_name: string | null;
}

/** Pathway steps done in the period per owning organisation and step, per neighbourhood and per age group. */
export async function leadTimeCells(db: Db, w: Window) {
  const { rows } = await sql<LeadCell>`
    SELECT c.*, o.name AS organisation_name FROM (
      SELECT dim, ${groupKey(w)} AS key, sum(steps)::int AS steps, sum(within_norm)::int AS within_norm, sum(hours)::float8 AS hours,
        max(norm_hours)::float8 AS norm_hours, bit_count(bit_or(persons))::int AS bits
      FROM evaluation_lead_month WHERE ${range(w)} GROUP BY 1, 2) c
    LEFT JOIN organisation o ON c.dim = 'step' AND o.id::text = split_part(c.key, ' ', 1)
    ORDER BY c.dim, o.name, c.key`.execute(db);
  return rows;
}

/**
 * The lead-time histogram of one dimension's groups: only the buckets that hold the order statistics
 * the percentiles need (at most eight per group), with the lead times below each. One statement per
 * dimension, so the three run side by side.
 */
export async function leadTimeBuckets(db: Db, w: Window, dim: LeadDim) {
  const { rows } = await sql<Bucket & { key: string }>`
    WITH h AS (
      SELECT ${groupKey(w)} AS key, bucket, sum(n)::int AS n, sum(hours)::float8 AS hours, min(least_hours)::float8 AS least, max(greatest_hours)::float8 AS greatest
      FROM evaluation_lead_bucket WHERE ${range(w)} AND dim = ${dim} GROUP BY 1, 2),
    c AS (SELECT h.*, (sum(n) OVER (PARTITION BY key ORDER BY bucket) - n)::int AS before, sum(n) OVER (PARTITION BY key) AS total FROM h)
    SELECT key, before, n, hours, least, greatest FROM c
    WHERE EXISTS (SELECT 1 FROM unnest(${sql.raw(`ARRAY[${QUANTILES.join(', ')}]`)}::float8[]) q WHERE floor(q * (total - 1)) < before + n AND ceil(q * (total - 1)) >= before)
    ORDER BY key, before`.execute(db);
  return rows;
}

/** Reach per neighbourhood and age group: the scope's clients, and those whose circle opened before the period's end. */
export async function reach(db: Db, w: Window) {
  const { rows } = await sql<{ dim: 'neighbourhood' | 'birth_year'; key: string; persons: number; with_circle: number }>`
    SELECT dim, ${groupKey(w)} AS key, sum(persons)::int AS persons, coalesce(sum(persons) FILTER (WHERE circle_month < ${w.toMonth}::date), 0)::int AS with_circle
    FROM evaluation_reach WHERE alliance_id = ${w.allianceId} AND scope = ${w.scope}
    GROUP BY 1, 2 HAVING sum(persons) > 0 ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Each statement by name, for the benchmark's account of where the time goes. */
export const evaluationStatements = {
  goalFigures,
  experienceFigures,
  taskFigures,
  hoursPerMonth,
  leadTimeCells,
  leadTimeBucketsByStep: (db: Db, w: Window) => leadTimeBuckets(db, w, 'step'),
  leadTimeBucketsByNeighbourhood: (db: Db, w: Window) => leadTimeBuckets(db, w, 'neighbourhood'),
  leadTimeBucketsByBirthYear: (db: Db, w: Window) => leadTimeBuckets(db, w, 'birth_year'),
  reach,
};
