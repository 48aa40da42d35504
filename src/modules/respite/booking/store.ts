import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import { lockBeds } from '../availability/store.js';
import { SETTING_DEFAULTS } from '../settings/schemas.js';
import type { BookingStatus } from '../tables.js';

/** Statuses that hold a bed; the exclusion constraint of migration 0019 lists the same. */
export const OCCUPYING: readonly BookingStatus[] = ['requested', 'booked', 'held'];

export const nightsRange = (from: string, to: string) => `[${from},${to})`;

export interface NewStay {
  allianceId: string;
  organisationId: string;
  locationId: string;
  clientId: string;
  from: string;
  to: string;
  status: 'requested' | 'held';
  funding: 'wmo' | 'wlz' | 'private' | null;
  seriesId?: string | null;
  waitlistId?: string | null;
  holdExpiresAt?: Date | null;
  /** Only this bed, or any free bed of the location. */
  bedId?: string;
  /** The bed to try first: the person's earlier bed (continuity). */
  preferredBedId?: string | null;
  /** The public request this stay answers: its caregiver sees and confirms it. */
  requestId?: string | null;
}

/**
 * Claims a free bed for the nights, under the location's lock (`lockBeds`). A claim that does not
 * take the lock may still race it; the exclusion constraint then refuses the second insert (23P01),
 * which the service reports as no room.
 */
export async function insertStay(trx: Executor, s: NewStay): Promise<{ id: string; bed_id: string } | undefined> {
  await lockBeds(trx, s.locationId);
  const range = nightsRange(s.from, s.to);
  const { rows } = await sql<{ id: string; bed_id: string }>`
    INSERT INTO respite_booking (alliance_id, organisation_id, location_id, bed_id, kind, client_id, series_id, nights, status, funding, waitlist_id, hold_expires_at, request_id)
    SELECT ${s.allianceId}, ${s.organisationId}, b.location_id, b.id, 'stay', ${s.clientId}, ${s.seriesId ?? null}, ${range}::daterange, ${s.status}, ${s.funding}, ${s.waitlistId ?? null}, ${s.holdExpiresAt ?? null}, ${s.requestId ?? null}
    FROM respite_bed b
    WHERE b.location_id = ${s.locationId} AND b.active AND (${s.bedId ?? null}::uuid IS NULL OR b.id = ${s.bedId ?? null}::uuid)
      AND NOT EXISTS (
        SELECT 1 FROM respite_booking k
        WHERE k.bed_id = b.id AND k.nights && ${range}::daterange AND k.status IN ('requested', 'booked', 'held'))
    ORDER BY b.id = ${s.preferredBedId ?? null}::uuid DESC NULLS LAST, b.label
    LIMIT 1
    RETURNING id, bed_id`.execute(trx);
  return rows[0];
}

export interface BookingRow {
  id: string;
  alliance_id: string;
  organisation_id: string;
  location_id: string;
  bed_id: string;
  client_id: string | null;
  from: string;
  to: string;
  status: BookingStatus;
  waitlist_id: string | null;
  funding: 'wmo' | 'wlz' | 'private' | null;
  request_id: string | null;
}

const bookingColumns = sql`id, alliance_id, organisation_id, location_id, bed_id, client_id, lower(nights)::text AS "from", upper(nights)::text AS "to", status, waitlist_id, funding, request_id`;

export async function bookingById(trx: Executor, id: string, forUpdate = false): Promise<BookingRow | undefined> {
  const { rows } = await sql<BookingRow>`SELECT ${bookingColumns} FROM respite_booking WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(trx);
  return rows[0];
}

export async function setStatus(trx: Executor, id: string, status: BookingStatus): Promise<void> {
  await trx.updateTable('respite_booking').set({ status, hold_expires_at: null, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Moves a stay to other nights on its bed, under the location's lock (`lockBeds`), as every claim on its beds. */
export async function changeNights(trx: Executor, stay: { id: string; locationId: string }, from: string, to: string): Promise<void> {
  await lockBeds(trx, stay.locationId);
  await trx.updateTable('respite_booking').set({ nights: nightsRange(from, to), updated_at: new Date() }).where('id', '=', stay.id).execute();
}

/** The person's most recent stay that took place or is booked: the place and bed to offer again. */
export async function lastStay(trx: Executor, clientId: string): Promise<{ location_id: string; bed_id: string } | undefined> {
  return trx
    .selectFrom('respite_booking')
    .select(['location_id', 'bed_id'])
    .where('client_id', '=', clientId)
    .where('status', 'in', ['booked', 'requested'])
    .orderBy(sql`upper(nights)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Nights booked (or asked for) with Wmo funding in the calendar year of `year`; a stay being moved is
 * left out (`exceptStayId`), so its own current nights do not count against its new ones.
 */
export async function wmoNightsUsed(trx: Executor, clientId: string, year: number, exceptStayId: string | null = null): Promise<number> {
  const { rows } = await sql<{ nights: number }>`
    SELECT coalesce(sum(upper(nights) - lower(nights)), 0)::int AS nights FROM respite_booking
    WHERE client_id = ${clientId} AND funding = 'wmo' AND status IN ('requested', 'booked', 'held', 'no_show')
      AND extract(year FROM lower(nights)) = ${year} AND (${exceptStayId}::uuid IS NULL OR id <> ${exceptStayId}::uuid)`.execute(trx);
  return rows[0]?.nights ?? 0;
}

/**
 * Serialises funding checks per person, so two bookings at once cannot both spend the same remaining Wmo
 * nights. An advisory lock on the person, not a row lock: a municipality's decision on a request has no
 * row of the person's own to lock, and a person with no decision yet must serialise too.
 */
export async function lockFunding(trx: Executor, clientId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`respite-funding:${clientId}`}, 0))`.execute(trx);
}

/**
 * The decisions on file for the person: those recorded for them, and the municipality's Wmo grants on the
 * request being answered and on every request a stay or series of theirs answered before (a decision is
 * taken on a request; the booking that answers it ties it to the person).
 */
export async function fundingOnFile(trx: Executor, clientId: string, requestId: string | null = null) {
  const { rows } = await sql<{ scheme: 'wmo' | 'wlz' | 'private'; nightsPerYear: number | null; validFrom: string; validUntil: string | null }>`
    SELECT scheme, nights_per_year AS "nightsPerYear", valid_from::text AS "validFrom", valid_until::text AS "validUntil" FROM respite_funding WHERE client_id = ${clientId}
    UNION ALL
    SELECT 'wmo', d.nights_per_year, d.valid_from::text, d.valid_until::text FROM respite_wmo_decision d
    WHERE d.granted AND (d.request_id = ${requestId}
      OR d.request_id IN (SELECT request_id FROM respite_booking WHERE client_id = ${clientId} AND request_id IS NOT NULL)
      OR d.request_id IN (SELECT request_id FROM respite_series WHERE client_id = ${clientId} AND request_id IS NOT NULL))`.execute(trx);
  return rows;
}

/** The person's own organisation, for a grant made from the care home's side. */
export async function clientOrganisation(trx: Executor, clientId: string): Promise<string> {
  const row = await trx.selectFrom('client').select('organisation_id').where('id', '=', clientId).executeTakeFirstOrThrow();
  return row.organisation_id;
}

export async function allianceSettings(trx: Executor, allianceId: string) {
  const { rows } = await sql<{ time_zone: string; min_lead_days: number; hold_hours: number; crisis_phone: string; min_group_size: number }>`
    SELECT a.time_zone, coalesce(s.min_lead_days, ${SETTING_DEFAULTS.minLeadDays}) AS min_lead_days, coalesce(s.hold_hours, ${SETTING_DEFAULTS.holdHours}) AS hold_hours,
      coalesce(s.crisis_phone, ${SETTING_DEFAULTS.crisisPhone}) AS crisis_phone, coalesce(s.min_group_size, ${SETTING_DEFAULTS.minGroupSize}) AS min_group_size
    FROM alliance a LEFT JOIN respite_settings s ON s.alliance_id = a.id WHERE a.id = ${allianceId}`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error(`alliance ${allianceId} missing`);
  return row;
}

/** Whether the request was sent to this intake in this alliance (any status): only that intake may link it to a person. */
export async function isIntakeRequest(executor: Executor, requestId: string, allianceId: string, intakeOrganisationId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('respite_request')
    .select('id')
    .where('id', '=', requestId)
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', intakeOrganisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks a request as answered with a proposal, if it is the given intake's; false if not (or unknown). */
export async function markRequestProposed(trx: Executor, requestId: string, allianceId: string, intakeOrganisationId: string): Promise<boolean> {
  const row = await trx
    .updateTable('respite_request')
    .set({ status: 'proposed' })
    .where('id', '=', requestId)
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', intakeOrganisationId)
    .where('status', '!=', 'closed')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function locationById(trx: Executor, id: string) {
  return trx.selectFrom('respite_location').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The bed of the location free for the most of these occurrences, so a series keeps one bed. */
export async function bestBedForAll(trx: Executor, locationId: string, occurrences: readonly { from: string; to: string }[]): Promise<string | null> {
  if (occurrences.length === 0) return null;
  const ranges = occurrences.map((o) => nightsRange(o.from, o.to));
  const { rows } = await sql<{ id: string }>`
    SELECT b.id FROM respite_bed b
    WHERE b.location_id = ${locationId} AND b.active
    ORDER BY (SELECT count(*) FROM unnest(${ranges}::daterange[]) r
              WHERE NOT EXISTS (SELECT 1 FROM respite_booking k WHERE k.bed_id = b.id AND k.nights && r AND k.status IN ('requested', 'booked', 'held'))) DESC, b.label
    LIMIT 1`.execute(trx);
  return rows[0]?.id ?? null;
}

export const savepoint = (trx: Executor, name: string) => sql`SAVEPOINT ${sql.raw(name)}`.execute(trx);
export const releaseSavepoint = (trx: Executor, name: string) => sql`RELEASE SAVEPOINT ${sql.raw(name)}`.execute(trx);
export const rollbackToSavepoint = (trx: Executor, name: string) => sql`ROLLBACK TO SAVEPOINT ${sql.raw(name)}`.execute(trx);
