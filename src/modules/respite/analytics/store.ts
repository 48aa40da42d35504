import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

/** Months from `from` to `to` (first days, inclusive) as a CTE. */
const months = (from: string, to: string) => sql`SELECT d::date AS start, (d + interval '1 month')::date AS "end" FROM generate_series(${from}::date, ${to}::date, interval '1 month') d`;

/** Nights of a booking inside a month: the length of the ranges' intersection. */
const nightsIn = sql`(upper(k.nights * daterange(m.start, m."end")) - lower(k.nights * daterange(m.start, m."end")))`;

export interface OccupancyRow {
  location_id: string; location: string; offer_type: string; municipality: string; month: string; bed_nights: number; blocked_nights: number; booked_nights: number;
}

/**
 * Per location and month: bed-nights of the active beds, nights blocked or under maintenance, and nights
 * of stays that were booked (a no-show held the bed but was not used, so it does not count as used).
 */
export async function occupancy(db: Executor, allianceId: string, from: string, to: string): Promise<OccupancyRow[]> {
  const { rows } = await sql<OccupancyRow>`
    WITH m AS (${months(from, to)}),
    cap AS (
      SELECT l.id AS location_id, m.start, count(b.id)::int * (m."end" - m.start) AS bed_nights
      FROM respite_location l CROSS JOIN m LEFT JOIN respite_bed b ON b.location_id = l.id AND b.active
      WHERE l.alliance_id = ${allianceId} GROUP BY 1, 2, m."end"),
    used AS (
      SELECT k.location_id, m.start,
        coalesce(sum(${nightsIn}) FILTER (WHERE k.kind IN ('block', 'maintenance')), 0)::int AS blocked_nights,
        coalesce(sum(${nightsIn}) FILTER (WHERE k.kind = 'stay' AND k.status = 'booked'), 0)::int AS booked_nights
      FROM respite_booking k JOIN m ON k.nights && daterange(m.start, m."end")
      WHERE k.alliance_id = ${allianceId} AND k.status IN ('booked', 'requested', 'held', 'no_show') GROUP BY 1, 2)
    SELECT l.id AS location_id, l.name AS location, l.offer_type, l.municipality, to_char(cap.start, 'YYYY-MM') AS month, cap.bed_nights,
      coalesce(used.blocked_nights, 0) AS blocked_nights, coalesce(used.booked_nights, 0) AS booked_nights
    FROM cap JOIN respite_location l ON l.id = cap.location_id LEFT JOIN used ON used.location_id = cap.location_id AND used.start = cap.start
    ORDER BY l.name, cap.start`.execute(db);
  return rows;
}

export interface StayRow {
  location_id: string; location: string; offer_type: string; month: string; stays: number; cancelled: number; no_show: number; lead_days: number[];
}

/**
 * Stays by the month they were to begin: how many, how many were cancelled or not used, and the lead
 * time (days from the booking to the first night, in the alliance's zone) of those that were not cancelled.
 */
export async function stays(db: Executor, allianceId: string, from: string, to: string, zone: string): Promise<StayRow[]> {
  const { rows } = await sql<StayRow>`
    WITH m AS (${months(from, to)})
    SELECT l.id AS location_id, l.name AS location, l.offer_type, to_char(m.start, 'YYYY-MM') AS month,
      count(*)::int AS stays,
      count(*) FILTER (WHERE k.status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE k.status = 'no_show')::int AS no_show,
      coalesce(array_agg(lower(k.nights) - (k.created_at AT TIME ZONE ${zone})::date) FILTER (WHERE k.status IN ('booked', 'no_show')), '{}') AS lead_days
    FROM respite_booking k JOIN m ON lower(k.nights) >= m.start AND lower(k.nights) < m."end" JOIN respite_location l ON l.id = k.location_id
    WHERE k.alliance_id = ${allianceId} AND k.kind = 'stay' AND k.status IN ('booked', 'cancelled', 'no_show')
    GROUP BY 1, 2, 3, m.start ORDER BY l.name, m.start`.execute(db);
  return rows;
}

/** Requests received in the period per municipality, and the closed ones per outcome. */
export async function requestOutcomes(db: Executor, allianceId: string, from: string, until: string, zone: string) {
  const { rows } = await sql<{ municipality: string; outcome: string | null; n: number }>`
    SELECT municipality, outcome, count(*)::int AS n FROM respite_request
    WHERE alliance_id = ${allianceId} AND (created_at AT TIME ZONE ${zone})::date >= ${from}::date AND (created_at AT TIME ZONE ${zone})::date < ${until}::date
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows;
}

/**
 * The questionnaires' non-use reasons per municipality, answered in the period: per reason the answers
 * naming it, and (`total`) the number of answers.
 */
export async function nonUse(db: Executor, allianceId: string, from: string, until: string, zone: string) {
  const { rows } = await sql<{ municipality: string; reason: string | null; total: boolean; n: number }>`
    SELECT q.municipality, r.reason, GROUPING(r.reason) = 1 AS total, count(DISTINCT q.id)::int AS n
    FROM respite_questionnaire q LEFT JOIN LATERAL unnest(q.non_use_reasons) AS r(reason) ON true
    WHERE q.alliance_id = ${allianceId} AND (q.created_at AT TIME ZONE ${zone})::date >= ${from}::date AND (q.created_at AT TIME ZONE ${zone})::date < ${until}::date
    GROUP BY GROUPING SETS ((q.municipality, r.reason), (q.municipality))`.execute(db);
  return rows;
}
