import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

/**
 * The caregiver's side reads only rows reached through her own requests (`respite_request.citizen_id`):
 * every statement here starts from the citizen, so another caregiver's stay is simply not there.
 */

export interface CaregiverRequest {
  id: string;
  status: string;
  outcome: string | null;
  from: string;
  to: string;
  for_whom: string;
  intake: string;
  created_at: Date;
  /** The municipality's Wmo decision on the request, if any: the caregiver reads whether, and why not. */
  wmo_granted: boolean | null;
  wmo_refusal_reason: string | null;
}

export async function requestsOf(db: Executor, citizenId: string): Promise<CaregiverRequest[]> {
  const { rows } = await sql<CaregiverRequest>`
    SELECT r.id, r.status, r.outcome, lower(r.wanted)::text AS "from", upper(r.wanted)::text AS "to", r.for_whom, o.name AS intake, r.created_at,
      d.granted AS wmo_granted, d.refusal_reason AS wmo_refusal_reason
    FROM respite_request r JOIN organisation o ON o.id = r.organisation_id LEFT JOIN respite_wmo_decision d ON d.request_id = r.id
    WHERE r.citizen_id = ${citizenId}
    ORDER BY r.created_at DESC`.execute(db);
  return rows;
}

export interface CaregiverStay {
  id: string;
  request_id: string;
  series_id: string | null;
  confirmation: 'all_or_nothing' | 'per_occurrence' | null;
  client_id: string;
  alliance_id: string;
  organisation_id: string;
  client_organisation_id: string;
  location_id: string;
  bed_id: string;
  location: string;
  city: string;
  from: string;
  to: string;
  status: string;
  confirmed: boolean;
  feedback: ('caregiver' | 'person')[];
}

const stayColumns = sql`
  k.id, k.request_id, k.series_id, s.confirmation, k.client_id, k.alliance_id, k.organisation_id, c.organisation_id AS client_organisation_id,
  k.location_id, k.bed_id, l.name AS location, l.city, lower(k.nights)::text AS "from", upper(k.nights)::text AS "to", k.status,
  k.caregiver_confirmed_at IS NOT NULL AS confirmed, ARRAY(SELECT f.respondent FROM respite_feedback f WHERE f.booking_id = k.id ORDER BY f.respondent) AS feedback`;

const ownStays = (citizenId: string) => sql`
  FROM respite_booking k
  JOIN respite_request r ON r.id = k.request_id AND r.citizen_id = ${citizenId}
  JOIN respite_location l ON l.id = k.location_id
  JOIN client c ON c.id = k.client_id
  LEFT JOIN respite_series s ON s.id = k.series_id
  WHERE k.kind = 'stay'`;

export async function staysOf(db: Executor, citizenId: string): Promise<CaregiverStay[]> {
  const { rows } = await sql<CaregiverStay>`SELECT ${stayColumns} ${ownStays(citizenId)} ORDER BY lower(k.nights), k.id`.execute(db);
  return rows;
}

/** The citizen's stays among these ids (or of this series), locked for a change. */
export async function lockOwnStays(trx: Executor, citizenId: string, by: { stayId: string } | { seriesId: string }): Promise<CaregiverStay[]> {
  const filter = 'stayId' in by ? sql`AND k.id = ${by.stayId}` : sql`AND k.series_id = ${by.seriesId}`;
  const { rows } = await sql<CaregiverStay>`SELECT ${stayColumns} ${ownStays(citizenId)} ${filter} ORDER BY lower(k.nights) FOR UPDATE OF k`.execute(trx);
  return rows;
}

export async function markConfirmed(trx: Executor, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('respite_booking').set({ caregiver_confirmed_at: at, updated_at: at }).where('id', 'in', ids).execute();
}

/** One answer per respondent and stay; a second one is refused by the unique key, not by a check here. */
export async function insertFeedback(trx: Executor, stay: CaregiverStay, input: { respondent: 'caregiver' | 'person'; rating: number; comment: string }): Promise<boolean> {
  const row = await trx
    .insertInto('respite_feedback')
    .values({ alliance_id: stay.alliance_id, organisation_id: stay.organisation_id, booking_id: stay.id, respondent: input.respondent, rating: input.rating, comment: input.comment })
    .onConflict((oc) => oc.columns(['booking_id', 'respondent']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
