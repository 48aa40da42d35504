import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

/**
 * Serialises the claims on a location's beds until the transaction ends. Without it, parallel claims
 * on one bed can deadlock inside the exclusion constraint: each has inserted its row and waits for the
 * other's transaction, and PostgreSQL aborts one with 40P01 instead of refusing it with 23P01 (49 of 50
 * parallel bookings of the last bed did so in one run). With it, a claim waits for the one before to
 * commit, and its own statement then sees those nights taken (read committed takes a new snapshot).
 * Taken after the per-person funding lock (`lockFunding`) wherever both are, so the two cannot cross.
 */
export async function lockBeds(trx: Executor, locationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`respite-beds:${locationId}`}, 0))`.execute(trx);
}

export interface SearchFilter {
  allianceId: string;
  from: string;
  to: string;
  municipality?: string;
  offerType?: string;
  near?: { latitude: number; longitude: number; withinKm: number };
}

export interface LocationWithFreeBeds {
  id: string;
  name: string;
  offer_type: string;
  city: string;
  municipality: string;
  organisation_id: string;
  features: string[];
  capabilities: string[];
  exclusions: string[];
  funding_accepted: string[];
  distance_km: number | null;
  free_beds: { id: string; label: string }[];
}

/**
 * Locations matching the filter with their beds free for every night of [from, to). One statement;
 * each bed costs one probe of the exclusion constraint's GiST index (bed, nights), which is why a
 * search over a thousand beds stays within a few milliseconds (bench/respite.ts).
 */
export async function searchFreeBeds(trx: Executor, f: SearchFilter): Promise<LocationWithFreeBeds[]> {
  const range = `[${f.from},${f.to})`;
  // Equirectangular distance: exact enough within a province, and cheap.
  const distance = f.near
    ? sql<number>`6371 * sqrt(power(radians(l.latitude - ${f.near.latitude}), 2) + power(radians(l.longitude - ${f.near.longitude}) * cos(radians(${f.near.latitude})), 2))`
    : sql<null>`NULL::double precision`;
  const { rows } = await sql<LocationWithFreeBeds>`
    SELECT l.id, l.name, l.offer_type, l.city, l.municipality, l.organisation_id, l.features, l.capabilities, l.exclusions, l.funding_accepted,
      ${distance} AS distance_km,
      coalesce(json_agg(json_build_object('id', b.id, 'label', b.label) ORDER BY b.label) FILTER (WHERE b.id IS NOT NULL), '[]') AS free_beds
    FROM respite_location l
    LEFT JOIN respite_bed b ON b.location_id = l.id AND b.active AND NOT EXISTS (
      SELECT 1 FROM respite_booking k WHERE k.bed_id = b.id AND k.nights && ${range}::daterange AND k.status IN ('requested', 'booked', 'held'))
    WHERE l.alliance_id = ${f.allianceId}
      ${f.municipality ? sql`AND l.municipality = ${f.municipality}` : sql``}
      ${f.offerType ? sql`AND l.offer_type = ${f.offerType}` : sql``}
      ${f.near ? sql`AND ${distance} <= ${f.near.withinKm}` : sql``}
    GROUP BY l.id
    ORDER BY l.name`.execute(trx);
  return rows;
}

/** Per bed and day of [from, to): what occupies it, for the location's planning view. */
export async function occupancyByDay(trx: Executor, locationId: string, from: string, to: string) {
  const { rows } = await sql<{ bed_id: string; label: string; day: string; kind: string | null; status: string | null }>`
    SELECT b.id AS bed_id, b.label, d::date::text AS day, k.kind, k.status
    FROM respite_bed b CROSS JOIN generate_series(${from}::date, ${to}::date - 1, interval '1 day') d
    LEFT JOIN respite_booking k ON k.bed_id = b.id AND k.nights @> d::date AND k.status IN ('requested', 'booked', 'held')
    WHERE b.location_id = ${locationId} AND b.active
    ORDER BY b.label, d`.execute(trx);
  return rows;
}

/** Free bed-nights per location and month from `firstMonth` on: "roughly when there is room". */
export async function freeNightsByMonth(trx: Executor, allianceId: string, firstMonth: string, months: number) {
  const { rows } = await sql<{ location_id: string; month: string; capacity: number; taken: number }>`
    WITH m AS (SELECT generate_series(${firstMonth}::date, ${firstMonth}::date + make_interval(months => ${months - 1}), interval '1 month')::date AS start)
    SELECT b.location_id, to_char(m.start, 'YYYY-MM') AS month,
      (count(DISTINCT b.id) * ((m.start + interval '1 month')::date - m.start))::int AS capacity,
      coalesce(sum(upper(k.nights * daterange(m.start, (m.start + interval '1 month')::date)) - lower(k.nights * daterange(m.start, (m.start + interval '1 month')::date))), 0)::int AS taken
    FROM m CROSS JOIN respite_bed b
    JOIN respite_location l ON l.id = b.location_id
    LEFT JOIN respite_booking k ON k.bed_id = b.id AND k.status IN ('requested', 'booked', 'held') AND k.nights && daterange(m.start, (m.start + interval '1 month')::date)
    WHERE l.alliance_id = ${allianceId} AND b.active
    GROUP BY b.location_id, m.start
    ORDER BY b.location_id, m.start`.execute(trx);
  return rows;
}
