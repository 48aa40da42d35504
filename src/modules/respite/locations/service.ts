import { actingAlliance, hasRole, withClientAccess, type AccessContext } from '../../../platform/access/index.js';
import { isExclusionViolation } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { AppError, invalid, notFound } from '../../../platform/http/index.js';
import { translator } from '../../../platform/i18n/index.js';
import * as availability from '../availability/store.js';
import { lastStay, locationById } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { explainMismatch, rankCandidates, type MatchReason } from '../matching/match.js';
import { needsSchema, type LocationCreate, type Needs, type SearchQuery } from '../schemas.js';
import * as store from './store.js';

/** The care home's own staff manage its locations and beds. */
const assertManager = (ctx: AccessContext) => {
  if (!hasRole(ctx, 'organisation_admin', 'coordinator', 'alliance_admin')) throw notFound('Location');
};

export async function addLocation(deps: RespiteDeps, ctx: AccessContext, input: LocationCreate): Promise<string> {
  assertManager(ctx);
  const allianceId = actingAlliance(ctx);
  return deps.db.transaction().execute((trx) => store.insertLocation(trx, allianceId, ctx.organisationId, input));
}

/**
 * Takes a bed out for the nights [from, to). The store claims them under the location's lock, as
 * every claim on its beds: a parallel booking of the same bed then waits instead of deadlocking, and
 * whichever commits second is refused.
 */
export async function blockBed(deps: RespiteDeps, ctx: AccessContext, locationId: string, input: { bedId: string; from: string; to: string; kind: 'block' | 'maintenance' }) {
  assertManager(ctx);
  if (input.from >= input.to) throw invalid('A block covers at least one night', [{ path: 'to', code: 'too_small', message: 'to must be after from' }]);
  const location = await locationById(deps.db, locationId);
  if (location?.alliance_id !== actingAlliance(ctx) || location.organisation_id !== ctx.organisationId) throw notFound('Location');
  const block = { allianceId: location.alliance_id, organisationId: location.organisation_id, locationId, ...input };
  const row = await deps.db
    .transaction()
    .execute((trx) => store.insertBlock(trx, block))
    .catch((error: unknown) => {
      if (isExclusionViolation(error)) throw new AppError('BED_TAKEN', 'This bed is taken on some of these nights');
      throw error;
    });
  if (!row) throw notFound('Bed');
  return row;
}

export async function occupancy(deps: RespiteDeps, ctx: AccessContext, locationId: string, from: string, to: string) {
  const location = await locationById(deps.db, locationId);
  if (location?.alliance_id !== actingAlliance(ctx)) throw notFound('Location');
  return availability.occupancyByDay(deps.db, locationId, from, to);
}

/** Records the person's needs: the client's own organisation does the intake. */
export async function setNeeds(deps: RespiteDeps, ctx: AccessContext, clientId: string, needs: Needs): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'change', action: 'update', resource: 'respite_needs', sharingPurpose: 'respite' }, async (trx, permit) => {
    await trx
      .insertInto('respite_needs')
      .values({ client_id: clientId, alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId, needs: JSON.stringify(needs) })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ needs: JSON.stringify(needs), updated_at: new Date() }))
      .execute();
  });
}

/** The person's needs: their own organisation, or a care home with a requested or booked stay (audited either way). */
export async function readNeeds(deps: RespiteDeps, ctx: AccessContext, clientId: string): Promise<Needs> {
  return withClientAccess(deps.db, ctx, clientId, { level: 'respite_needs', action: 'read', resource: 'respite_needs', sharingPurpose: 'respite' }, async (db) => {
    const row = await db.selectFrom('respite_needs').select('needs').where('client_id', '=', clientId).executeTakeFirst();
    if (!row) throw notFound('Needs');
    return needsSchema.parse(row.needs);
  });
}

/**
 * Searches free places. With a person, each location says in words which of their needs it cannot
 * meet, and the place and bed of their last stay come first (continuity).
 */
export async function search(deps: RespiteDeps, ctx: AccessContext, q: SearchQuery, funding?: string) {
  const allianceId = actingAlliance(ctx);
  const near = q.latitude !== undefined && q.longitude !== undefined ? { latitude: q.latitude, longitude: q.longitude, withinKm: q.withinKm ?? 50 } : undefined;
  const person = q.clientId ? await personFacts(deps, ctx, q.clientId) : undefined;
  const rows = await availability.searchFreeBeds(deps.db, { allianceId, from: q.from, to: q.to, municipality: q.municipality, offerType: q.offerType, near });
  const t = translator('nl');
  const candidates = rows.map((r) => {
    const reasons: MatchReason[] = person?.needs ? explainMismatch({ features: r.features, capabilities: r.capabilities, exclusions: r.exclusions, fundingAccepted: r.funding_accepted }, person.needs, funding) : [];
    if (r.free_beds.length === 0) reasons.push('no_room');
    const stayedBefore = person?.last?.location_id === r.id;
    const suggested = stayedBefore && r.free_beds.some((b) => b.id === person?.last?.bed_id) ? (person?.last?.bed_id ?? null) : (r.free_beds[0]?.id ?? null);
    return {
      id: r.id, name: r.name, offerType: r.offer_type, city: r.city, municipality: r.municipality,
      distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
      freeBeds: r.free_beds, fits: reasons.length === 0, reasons: reasons.map((code) => ({ code, text: t(`respite.match.${code}`) })),
      stayedBefore, suggestedBedId: suggested,
    };
  });
  return { locations: rankCandidates(candidates) };
}

async function personFacts(deps: RespiteDeps, ctx: AccessContext, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { level: 'respite_needs', action: 'search', resource: 'respite_needs', sharingPurpose: 'respite' }, async (db) => {
    const row = await db.selectFrom('respite_needs').select('needs').where('client_id', '=', clientId).executeTakeFirst();
    return { needs: row ? needsSchema.parse(row.needs) : undefined, last: await lastStay(db, clientId) };
  });
}

/** The respite locations of the caller's alliances (the FHIR Location directory); what a location offers is public, as on the overview page. */
export async function listLocations(deps: PlatformDeps, ctx: AccessContext) {
  const rows = await Promise.all(ctx.allianceIds.map((allianceId) => store.locationsOf(deps.db, allianceId)));
  return rows.flat().map((l) => ({ id: l.id, organisationId: l.organisation_id, name: l.name, offerType: l.offer_type, description: l.description, street: l.street, city: l.city, municipality: l.municipality, latitude: l.latitude, longitude: l.longitude }));
}
