import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import type { RequestOutcome } from '../tables.js';

/** Requests sent to an intake organisation, newest first; the form's own words, no client record. */
export async function requestsFor(db: Executor, allianceId: string, organisationId: string) {
  const { rows } = await sql<{
    id: string; status: 'new' | 'proposed' | 'closed'; outcome: string | null; route: string; municipality: string; location: string | null;
    from: string; to: string; for_whom: string; needs: string; contact_name: string; contact_email: string; contact_phone: string | null; created_at: Date;
    referred_by: string | null; strain_score: number | null;
    wmo_granted: boolean | null; wmo_nights: number | null; wmo_from: string | null; wmo_until: string | null; wmo_reference: string | null; wmo_refusal_reason: string | null;
  }>`
    SELECT r.id, r.status, r.outcome, r.route, r.municipality, l.name AS location, lower(r.wanted)::text AS "from", upper(r.wanted)::text AS "to",
      r.for_whom, r.needs, r.contact_name, r.contact_email, r.contact_phone, r.created_at, referrer.name AS referred_by, r.strain_score,
      d.granted AS wmo_granted, d.nights_per_year AS wmo_nights, d.valid_from::text AS wmo_from, d.valid_until::text AS wmo_until, d.reference AS wmo_reference, d.refusal_reason AS wmo_refusal_reason
    FROM respite_request r LEFT JOIN respite_location l ON l.id = r.location_id
      LEFT JOIN organisation referrer ON referrer.id = r.referred_by_organisation_id LEFT JOIN respite_wmo_decision d ON d.request_id = r.id
    WHERE r.alliance_id = ${allianceId} AND r.organisation_id = ${organisationId}
    ORDER BY r.status = 'closed', r.created_at DESC
    LIMIT 200`.execute(db);
  return rows;
}

export async function closeRequest(db: Executor, id: string, allianceId: string, organisationId: string, outcome: RequestOutcome): Promise<boolean> {
  const row = await db
    .updateTable('respite_request')
    .set({ status: 'closed', outcome })
    .where('id', '=', id)
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', organisationId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function locationsOf(db: Executor, allianceId: string, organisationId: string) {
  return db
    .selectFrom('respite_location')
    .select(['id', 'name', 'city', 'offer_type as offerType'])
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** The stays at a location that touch the period, with the bed and what the caregiver said. */
export async function staysAt(db: Executor, locationId: string, from: string, to: string) {
  const { rows } = await sql<{
    id: string; client_id: string; bed: string; from: string; to: string; status: string; series_id: string | null; confirmed: boolean; hold_expires_at: Date | null; from_waitlist: boolean;
  }>`
    SELECT k.id, k.client_id, b.label AS bed, lower(k.nights)::text AS "from", upper(k.nights)::text AS "to", k.status, k.series_id,
      k.caregiver_confirmed_at IS NOT NULL AS confirmed, k.hold_expires_at, k.waitlist_id IS NOT NULL AS from_waitlist
    FROM respite_booking k JOIN respite_bed b ON b.id = k.bed_id
    WHERE k.location_id = ${locationId} AND k.kind = 'stay' AND k.nights && daterange(${from}::date, ${to}::date)
    ORDER BY lower(k.nights), b.label, k.created_at`.execute(db);
  return rows;
}

/** Who waits for the location: periods and state only; the person is the requesting organisation's. */
export async function waitlistAt(db: Executor, locationId: string) {
  const { rows } = await sql<{ id: string; from: string; to: string; status: string; created_at: Date }>`
    SELECT id, lower(wanted)::text AS "from", upper(wanted)::text AS "to", status, created_at FROM respite_waitlist
    WHERE location_id = ${locationId} AND status IN ('waiting', 'offered')
    ORDER BY created_at, id`.execute(db);
  return rows;
}
