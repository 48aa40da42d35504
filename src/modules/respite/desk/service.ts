import { actingAlliance, authorizeClients, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { RequestOutcome } from '../tables.js';
import { notFound } from '../../../platform/http/index.js';
import { locationById } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { requirePartnerRole } from '../partners/roles.js';
import * as store from './store.js';

/** The desks are for the organisation's coordinators and administrators (intake, the care home's planning). */
const assertDesk = (ctx: AccessContext, what: string) => {
  if (!hasRole(ctx, 'coordinator', 'organisation_admin')) throw notFound(what);
};

/** Incoming public requests for this intake organisation. */
export async function incomingRequests(deps: RespiteDeps, ctx: AccessContext) {
  assertDesk(ctx, 'Request');
  // Partners without an intake desk (the insurer, the older people's organisation, the GP) find none.
  await requirePartnerRole(deps.db, ctx, 'takeIn', 'Request');
  const rows = await store.requestsFor(deps.db, actingAlliance(ctx), ctx.organisationId);
  return rows.map((r) => ({
    id: r.id, reference: r.id.slice(0, 8), status: r.status, outcome: r.outcome, route: r.route, municipality: r.municipality, location: r.location,
    from: r.from, to: r.to, forWhom: r.for_whom, needs: r.needs, contactName: r.contact_name, contactEmail: r.contact_email, contactPhone: r.contact_phone, createdAt: r.created_at.toISOString(),
    referredBy: r.referred_by, strainScore: r.strain_score,
    wmoDecision: r.wmo_granted === null ? null : { granted: r.wmo_granted, nightsPerYear: r.wmo_nights, validFrom: r.wmo_from, validUntil: r.wmo_until, reference: r.wmo_reference ?? '', refusalReason: r.wmo_refusal_reason },
  }));
}

/** Closes a request with its outcome: booked, or the reason the need stayed unmet (the municipality counts these). */
export async function closeRequest(deps: RespiteDeps, ctx: AccessContext, id: string, outcome: RequestOutcome): Promise<void> {
  assertDesk(ctx, 'Request');
  await requirePartnerRole(deps.db, ctx, 'takeIn', 'Request');
  if (!(await store.closeRequest(deps.db, id, actingAlliance(ctx), ctx.organisationId, outcome))) throw notFound('Request');
}

export async function myLocations(deps: RespiteDeps, ctx: AccessContext) {
  assertDesk(ctx, 'Location');
  return store.locationsOf(deps.db, actingAlliance(ctx), ctx.organisationId);
}

async function ownLocation(deps: RespiteDeps, ctx: AccessContext, locationId: string) {
  assertDesk(ctx, 'Location');
  const location = await locationById(deps.db, locationId);
  if (location?.alliance_id !== actingAlliance(ctx) || location.organisation_id !== ctx.organisationId) throw notFound('Location');
  return location;
}

/**
 * The care home's planning view: stays at its location. A person's name shows only where the care home
 * may identify them (its own client, or a stay grant), decided in one batch and audited per person.
 */
export async function locationStays(deps: RespiteDeps, ctx: AccessContext, locationId: string, from: string, to: string) {
  await ownLocation(deps, ctx, locationId);
  return deps.db.transaction().execute(async (trx) => {
    const stays = await store.staysAt(trx, locationId, from, to);
    const permits = await authorizeClients(trx, ctx, stays.map((s) => s.client_id), { level: 'identification', action: 'read', resource: 'identification', fields: ['name'], sharingPurpose: 'respite' });
    const permitted = [...permits.keys()];
    const names = permitted.length === 0 ? [] : await trx.selectFrom('client').select(['id', 'given_name', 'family_name']).where('id', 'in', permitted).execute();
    const nameOf = new Map(names.map((n) => [n.id, `${n.given_name} ${n.family_name}`]));
    return stays.map((s) => ({
      id: s.id, person: nameOf.get(s.client_id) ?? null, bed: s.bed, from: s.from, to: s.to, status: s.status, seriesId: s.series_id,
      caregiverConfirmed: s.confirmed, holdExpiresAt: s.hold_expires_at?.toISOString() ?? null, fromWaitlist: s.from_waitlist,
    }));
  });
}

export async function locationWaitlist(deps: RespiteDeps, ctx: AccessContext, locationId: string) {
  await ownLocation(deps, ctx, locationId);
  const rows = await store.waitlistAt(deps.db, locationId);
  return rows.map((r) => ({ id: r.id, from: r.from, to: r.to, status: r.status, since: r.created_at.toISOString() }));
}
