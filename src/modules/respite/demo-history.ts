import { sql } from 'kysely';
import type { BootstrapActor } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { addDays } from './booking/series.js';

export interface IntakeRoute {
  municipality: string;
  route: 'wmo' | 'caregiver_support';
  organisationId: string;
  email: string;
  phone: string;
}

/** Where public requests go, per municipality and route; set up by the platform, not by staff (yet). */
export async function setIntakeRoutes(db: Db, _actor: BootstrapActor, allianceId: string, routes: IntakeRoute[]): Promise<void> {
  for (const r of routes) {
    await db
      .insertInto('respite_intake')
      .values({ alliance_id: allianceId, municipality: r.municipality, route: r.route, organisation_id: r.organisationId, email: r.email, phone: r.phone })
      .onConflict((oc) => oc.columns(['alliance_id', 'municipality', 'route']).doUpdateSet({ organisation_id: r.organisationId, email: r.email, phone: r.phone }))
      .execute();
  }
}

/**
 * Months of generated history so the figures are not empty on first start: past stays (most took place,
 * some cancelled or no-show), a few booked ahead, and public requests. Every row says `generated`.
 * Written directly (not through booking) because it lies in the past, where no lead time applies.
 */
export async function generateHistory(db: Db, _actor: BootstrapActor, input: { allianceId: string; clientIds: string[]; today: string; random: () => number; months: number }): Promise<number> {
  const beds = await db.selectFrom('respite_bed').innerJoin('respite_location as l', 'l.id', 'respite_bed.location_id').select(['respite_bed.id', 'respite_bed.location_id', 'l.organisation_id']).where('l.alliance_id', '=', input.allianceId).execute();
  let written = 0;
  const start = addDays(input.today, -30 * input.months);
  for (const bed of beds) {
    // Beds are used less than expected: about a third of the nights (the pilot's starting point).
    for (let day = start; day < addDays(input.today, 45); ) {
      day = addDays(day, 3 + Math.floor(input.random() * 12));
      const nights = 2 + Math.floor(input.random() * 3);
      const roll = input.random();
      const past = day < input.today;
      const status = past ? (roll < 0.12 ? 'cancelled' : roll < 0.16 ? 'no_show' : 'booked') : 'booked';
      const clientId = input.clientIds[Math.floor(input.random() * input.clientIds.length)] ?? '';
      const inserted = await sql`
        INSERT INTO respite_booking (alliance_id, organisation_id, location_id, bed_id, kind, client_id, nights, status, funding, generated)
        SELECT ${input.allianceId}, ${bed.organisation_id}, ${bed.location_id}, ${bed.id}, 'stay', ${clientId}, ${`[${day},${addDays(day, nights)})`}::daterange, ${status}, ${roll < 0.6 ? 'wmo' : roll < 0.85 ? 'wlz' : 'private'}, true
        WHERE NOT EXISTS (SELECT 1 FROM respite_booking k WHERE k.bed_id = ${bed.id} AND k.nights && ${`[${day},${addDays(day, nights)})`}::daterange AND k.status IN ('requested', 'booked', 'held'))`.execute(db);
      written += Number(inserted.numAffectedRows ?? 0);
      day = addDays(day, nights);
    }
  }
  return written;
}
