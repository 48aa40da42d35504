import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import { lockBeds } from '../availability/store.js';
import { nightsRange } from '../booking/store.js';
import type { LocationCreate } from '../schemas.js';

export async function insertLocation(trx: Executor, allianceId: string, organisationId: string, l: LocationCreate): Promise<string> {
  const row = await trx
    .insertInto('respite_location')
    .values({
      alliance_id: allianceId, organisation_id: organisationId, name: l.name, offer_type: l.offerType, description: l.description,
      street: l.street, city: l.city, municipality: l.municipality, latitude: l.latitude, longitude: l.longitude,
      features: l.features, capabilities: l.capabilities, exclusions: l.exclusions, funding_accepted: l.fundingAccepted,
      price_per_night_cents: l.pricePerNightCents, photos: l.photos, accessibility: l.accessibility, intro_visit_possible: l.introVisitPossible,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('respite_bed').values(l.beds.map((label) => ({ alliance_id: allianceId, location_id: row.id, label }))).execute();
  return row.id;
}

export async function locationsOf(trx: Executor, allianceId: string) {
  return trx.selectFrom('respite_location').selectAll().where('alliance_id', '=', allianceId).orderBy('name').execute();
}

/**
 * Blocks or maintenance on a bed: they occupy it like a stay, so the same constraint guards them and
 * the same lock (`lockBeds`) is taken first, as for every claim on the location's beds.
 */
export async function insertBlock(trx: Executor, b: { allianceId: string; organisationId: string; locationId: string; bedId: string; from: string; to: string; kind: 'block' | 'maintenance' }) {
  await lockBeds(trx, b.locationId);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO respite_booking (alliance_id, organisation_id, location_id, bed_id, kind, nights, status)
    SELECT ${b.allianceId}, ${b.organisationId}, location_id, id, ${b.kind}, ${nightsRange(b.from, b.to)}::daterange, 'booked'
    FROM respite_bed WHERE id = ${b.bedId} AND location_id = ${b.locationId}
    RETURNING id`.execute(trx);
  return rows[0];
}
