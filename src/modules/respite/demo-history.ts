import { sql } from 'kysely';
import type { BootstrapActor } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { addDays } from './booking/series.js';
import { nonUseReasons, wishes } from './research/codes.js';
import { strainItems } from './research/strain-index.js';

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
      // Booked one to eight weeks ahead, so the lead-time figure has something to show.
      const bookedOn = addDays(day, -(7 + Math.floor(input.random() * 50)));
      const inserted = await sql`
        INSERT INTO respite_booking (alliance_id, organisation_id, location_id, bed_id, kind, client_id, nights, status, funding, generated, created_at)
        SELECT ${input.allianceId}, ${bed.organisation_id}, ${bed.location_id}, ${bed.id}, 'stay', ${clientId}, ${`[${day},${addDays(day, nights)})`}::daterange, ${status}, ${roll < 0.6 ? 'wmo' : roll < 0.85 ? 'wlz' : 'private'}, true, ${`${bookedOn}T10:00:00Z`}::timestamptz
        WHERE NOT EXISTS (SELECT 1 FROM respite_booking k WHERE k.bed_id = ${bed.id} AND k.nights && ${`[${day},${addDays(day, nights)})`}::daterange AND k.status IN ('requested', 'booked', 'held'))`.execute(db);
      written += Number(inserted.numAffectedRows ?? 0);
      day = addDays(day, nights);
    }
  }
  return written + (await generateRequests(db, input)) + (await generateAnswers(db, input));
}

/** Requests the intakes closed, most of them unmet for one of the pilot's reasons (the analytics' unmet need). */
async function generateRequests(db: Db, input: { allianceId: string; today: string; random: () => number; months: number }): Promise<number> {
  const intakes = await db.selectFrom('respite_intake').select(['municipality', 'route', 'organisation_id']).where('alliance_id', '=', input.allianceId).execute();
  const outcomes = ['booked', 'booked', 'no_room', 'no_room', 'no_room', 'no_fit', 'no_fit', 'no_funding', 'declined', 'declined'] as const;
  let written = 0;
  for (const intake of intakes) {
    for (let i = 0; i < 6 * input.months; i++) {
      const sent = addDays(input.today, -Math.floor(input.random() * 30 * input.months));
      const outcome = outcomes[Math.floor(input.random() * outcomes.length)] ?? 'declined';
      await db.insertInto('respite_request').values({
        alliance_id: input.allianceId, organisation_id: intake.organisation_id, route: intake.route, municipality: intake.municipality, wanted: `[${addDays(sent, 14)},${addDays(sent, 16)})`,
        for_whom: 'Gegenereerd', needs: '', contact_name: 'Gegenereerd', contact_email: 'gegenereerd@example.invalid', source_hash: 'generated', status: 'closed', outcome, generated: true, created_at: `${sent}T09:00:00Z`,
      }).execute();
      written++;
    }
  }
  return written;
}

/** Free texts the generated answers draw from (written for the demo, not from real respondents). */
const FREE_TEXTS = [
  'Ik wist niet dat logeren bestond tot de huisarts het noemde.',
  'Het aanvragen was ingewikkeld, ik gaf het op.',
  'Mijn man wil niet naar een vreemde plek, en ik voel me schuldig als ik hem breng.',
  'Er is te weinig personeel in de nacht, dat maakt me onrustig.',
  'Het was fijn dat hij steeds naar dezelfde plek kon.',
  'Het vervoer is een probleem, het is ver weg.',
  '',
  '',
] as const;

/** Questionnaire answers from the three groups, per municipality; labelled generated. */
async function generateAnswers(db: Db, input: { allianceId: string; today: string; random: () => number; months: number }): Promise<number> {
  const municipalities = (await db.selectFrom('respite_intake').select('municipality').distinct().where('alliance_id', '=', input.allianceId).execute()).map((m) => m.municipality);
  const pick = <T>(list: readonly T[]) => list[Math.floor(input.random() * list.length)] as T;
  const some = <T>(list: readonly T[], chance: number) => list.filter(() => input.random() < chance);
  let written = 0;
  for (const municipality of municipalities) {
    for (let i = 0; i < 30; i++) {
      const respondent = i < 16 ? 'caregiver' : i < 24 ? 'older_person' : 'professional';
      const strain = respondent === 'caregiver' ? Array.from({ length: strainItems.length }, () => input.random() < 0.55) : null;
      const usedRespite = input.random() < 0.3;
      await db.insertInto('respite_questionnaire').values({
        alliance_id: input.allianceId, municipality, respondent, strain_items: strain, strain_score: strain ? strain.filter(Boolean).length : null, used_respite: usedRespite,
        non_use_reasons: usedRespite ? [] : some(nonUseReasons, 0.25), wishes: some(wishes, 0.3), free_text: pick(FREE_TEXTS), source_hash: 'generated', generated: true,
        created_at: `${addDays(input.today, -Math.floor(input.random() * 30 * input.months))}T12:00:00Z`,
      }).execute();
      written++;
    }
  }
  return written;
}
