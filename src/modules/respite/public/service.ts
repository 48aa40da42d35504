import { createHmac } from 'node:crypto';
import { formatInTimeZone } from 'date-fns-tz';
import { ensureCitizen } from '../../../platform/auth/index.js';
import { AppError, invalid, notFound } from '../../../platform/http/index.js';
import * as availability from '../availability/store.js';
import { allianceSettings, nightsRange } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import type { PublicRequest } from './schemas.js';

/** Requests one address may send per hour (our choice): enough for a family, too few to flood an intake desk. */
export const REQUESTS_PER_HOUR = 5;
const MONTHS_SHOWN = 6;

/** Alliances that offer respite: public names only. */
export async function respiteAlliances(deps: RespiteDeps) {
  return deps.db.selectFrom('alliance').select(['id', 'name']).where((eb) => eb.exists(eb.selectFrom('respite_location').select('id').whereRef('respite_location.alliance_id', '=', 'alliance.id'))).orderBy('name').execute();
}

/** Roughly how much room: plain words beat numbers on a public page. */
const roomLevel = (free: number, capacity: number) => (capacity === 0 || free === 0 ? 'none' : free / capacity > 0.5 ? 'plenty' : free / capacity > 0.15 ? 'some' : 'little');

/** The public overview: places, features, price, funding and room per month. No personal data at all. */
export async function overview(deps: RespiteDeps, allianceId: string) {
  const alliance = await deps.db.selectFrom('alliance').select(['id', 'name', 'time_zone']).where('id', '=', allianceId).executeTakeFirst();
  if (!alliance) throw notFound('Alliance');
  const locations = await deps.db.selectFrom('respite_location').selectAll().where('alliance_id', '=', allianceId).orderBy('name').execute();
  const firstMonth = `${formatInTimeZone(deps.now(), alliance.time_zone, 'yyyy-MM')}-01`;
  const room = await availability.freeNightsByMonth(deps.db, allianceId, firstMonth, MONTHS_SHOWN);
  const municipalities = await deps.db.selectFrom('respite_intake').select('municipality').distinct().where('alliance_id', '=', allianceId).orderBy('municipality').execute();
  return {
    alliance: { id: alliance.id, name: alliance.name },
    municipalities: municipalities.map((m) => m.municipality),
    locations: locations.map((l) => ({
      id: l.id, name: l.name, offerType: l.offer_type, description: l.description, city: l.city, municipality: l.municipality,
      features: l.features, capabilities: l.capabilities, fundingAccepted: l.funding_accepted, pricePerNightCents: l.price_per_night_cents,
      photos: l.photos, accessibility: l.accessibility, introVisitPossible: l.intro_visit_possible,
      room: room.filter((r) => r.location_id === l.id).map((r) => ({ month: r.month, level: roomLevel(r.capacity - r.taken, r.capacity) })),
    })),
  };
}

/** The intake a municipality's requests on a route go to (the Wmo consultant, or welfare's caregiver consultant). */
export async function intakeFor(deps: RespiteDeps, allianceId: string, municipality: string, route: 'wmo' | 'caregiver_support') {
  const intake = await deps.db
    .selectFrom('respite_intake')
    .innerJoin('organisation', 'organisation.id', 'respite_intake.organisation_id')
    .select(['respite_intake.organisation_id', 'respite_intake.email', 'respite_intake.phone', 'organisation.name'])
    .where('respite_intake.alliance_id', '=', allianceId)
    .where('respite_intake.municipality', '=', municipality)
    .where('respite_intake.route', '=', route)
    .executeTakeFirst();
  if (!intake) throw invalid('There is no intake for this municipality', [{ path: 'municipality', code: 'unknown', message: 'no intake' }]);
  return intake;
}

/**
 * A request from the public form reaches the intake the person chose in their municipality (the Wmo
 * consultant, or the welfare organisation's caregiver consultant); both sides get an e-mail. Limited per
 * sender address (kept only as a keyed hash) so the form cannot flood an intake desk.
 */
export async function submitRequest(deps: RespiteDeps, allianceId: string, input: PublicRequest, sourceAddress: string) {
  if (input.from >= input.to) throw invalid('The stay must last at least one night', [{ path: 'to', code: 'too_small', message: 'after from' }]);
  const sourceHash = createHmac('sha256', deps.secretBox.subKey('respite-request-source')).update(sourceAddress).digest('hex');
  const since = new Date(deps.now().getTime() - 3600_000);
  const recent = await deps.db.selectFrom('respite_request').select((eb) => eb.fn.countAll<string>().as('n')).where('source_hash', '=', sourceHash).where('created_at', '>', since).executeTakeFirstOrThrow();
  if (Number(recent.n) >= REQUESTS_PER_HOUR) throw new AppError('RATE_LIMITED', 'Too many requests from this address; try again later', undefined, { retryAfterSeconds: 3600 });
  const intake = await intakeFor(deps, allianceId, input.municipality, input.route);
  const location = input.locationId ? await deps.db.selectFrom('respite_location').select(['id', 'name']).where('id', '=', input.locationId).where('alliance_id', '=', allianceId).executeTakeFirst() : undefined;
  const settings = await allianceSettings(deps.db, allianceId);
  // The request belongs to the account of the address it came from: whoever signs in from that mailbox sees it.
  const citizen = await ensureCitizen(deps.db, { allianceId, email: input.contactEmail, name: input.contactName });
  const row = await deps.db
    .insertInto('respite_request')
    .values({
      alliance_id: allianceId, organisation_id: intake.organisation_id, route: input.route, municipality: input.municipality, location_id: location?.id ?? null,
      wanted: nightsRange(input.from, input.to), for_whom: input.forWhom, needs: input.needs, contact_name: input.contactName, contact_email: input.contactEmail,
      contact_phone: input.contactPhone ?? null, source_hash: sourceHash, citizen_id: citizen.id, created_at: deps.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vars = { name: input.contactName, intake: intake.name, intakePhone: intake.phone, from: input.from, to: input.to, location: location?.name ?? '', reference: row.id.slice(0, 8) };
  // After commit: nobody is told about a request that was not stored.
  await deps.notify(input.contactEmail, 'request_received', vars, allianceId);
  await deps.notify(intake.email, 'request_for_intake', vars, allianceId);
  return { reference: vars.reference, intake: { name: intake.name, phone: intake.phone }, crisisPhone: settings.crisis_phone };
}
