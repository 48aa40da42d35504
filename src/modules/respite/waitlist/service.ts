import { formatInTimeZone } from 'date-fns-tz';
import { actingAlliance, withClientAccess, type AccessContext } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/http/index.js';
import { grantCareHome, isCareHomeDesk } from '../booking/stay-grant.js';
import * as bookings from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { explainMismatch } from '../matching/match.js';
import { needsSchema } from '../schemas.js';
import * as store from './store.js';

const CHANGE = { level: 'change', action: 'update', resource: 'respite_stay', sharingPurpose: 'respite' } as const;

/** Puts a person on the waiting list of a location for a period. */
export async function joinWaitlist(deps: RespiteDeps, ctx: AccessContext, input: { clientId: string; locationId: string; from: string; to: string; contactEmail: string }) {
  if (input.from >= input.to) throw invalid('The period must last at least one night');
  return withClientAccess(deps.db, ctx, input.clientId, { ...CHANGE, action: 'create' }, async (trx, permit) => {
    const location = await bookings.locationById(trx, input.locationId);
    if (location?.alliance_id !== permit.allianceId) throw notFound('Location');
    const row = await trx
      .insertInto('respite_waitlist')
      .values({ alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId, client_id: input.clientId, location_id: location.id, wanted: bookings.nightsRange(input.from, input.to), contact_email: input.contactEmail })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/**
 * Offers freed nights to the best match on the location's waiting list: the oldest entry whose needs
 * the location can take. The nights are held on the freed bed for the alliance's hold time and the
 * contact is told; `passOnExpiredHolds` moves an unanswered hold to the next. Returns how many were offered.
 */
export async function offerFreedNights(deps: RespiteDeps, freed: { alliance_id: string; location_id: string; bed_id: string; from: string; to: string }): Promise<number> {
  const offer = await deps.db.transaction().execute(async (trx) => {
    const location = await bookings.locationById(trx, freed.location_id);
    if (!location) return undefined;
    const candidates = await store.waitingFor(trx, freed.location_id, freed.from, freed.to);
    const offer = { features: location.features, capabilities: location.capabilities, exclusions: location.exclusions, fundingAccepted: location.funding_accepted };
    const best = candidates.find((c) => {
      const needs = needsSchema.safeParse(c.needs);
      return !needs.success || explainMismatch(offer, needs.data).length === 0;
    });
    if (!best) return undefined;
    const settings = await bookings.allianceSettings(trx, freed.alliance_id);
    const holdExpiresAt = new Date(deps.now().getTime() + settings.hold_hours * 3600_000);
    const held = await bookings.insertStay(trx, {
      allianceId: freed.alliance_id, organisationId: location.organisation_id, locationId: location.id, clientId: best.client_id,
      from: best.from, to: best.to, status: 'held', funding: null, waitlistId: best.id, holdExpiresAt, bedId: freed.bed_id,
    });
    if (!held) return undefined;
    await store.setWaitlistStatus(trx, best.id, 'offered');
    return { to: best.contact_email, allianceId: freed.alliance_id, vars: { location: location.name, from: best.from, to: best.to, until: formatInTimeZone(holdExpiresAt, settings.time_zone, 'yyyy-MM-dd HH:mm'), bookingId: held.id } };
  });
  if (!offer) return 0;
  // After commit: the hold exists before anybody is told about it.
  await deps.notify(offer.to, 'hold_offered', offer.vars, offer.allianceId);
  return 1;
}

/**
 * Accepts a held offer before it runs out: the nights become a booked stay, and the care home's
 * organisation gets the person's needs for it. The person's own organisation records the yes, or the
 * care home's desk when the caregiver answered the offer by calling the location.
 */
export async function acceptHold(deps: RespiteDeps, ctx: AccessContext, bookingId: string) {
  const hold = await bookings.bookingById(deps.db, bookingId);
  if (!hold?.client_id || hold.status !== 'held' || hold.alliance_id !== actingAlliance(ctx)) throw notFound('Offer');
  const clientId = hold.client_id;
  const accept = async (trx: Executor, clientOrganisationId: string) => {
    const updated = await trx
      .updateTable('respite_booking')
      .set({ status: 'booked', hold_expires_at: null, updated_at: new Date() })
      .where('id', '=', bookingId)
      .where('status', '=', 'held')
      .where('hold_expires_at', '>', deps.now())
      .returning('waitlist_id')
      .executeTakeFirst();
    if (!updated) throw notFound('Offer');
    if (updated.waitlist_id) await store.setWaitlistStatus(trx, updated.waitlist_id, 'placed');
    const settings = await bookings.allianceSettings(trx, hold.alliance_id);
    await grantCareHome(trx, { allianceId: hold.alliance_id, clientId, clientOrganisationId }, hold.organisation_id, bookingId, hold.to, settings.time_zone);
    return { id: bookingId, bedId: hold.bed_id, from: hold.from, to: hold.to, status: 'booked' };
  };
  if (isCareHomeDesk(ctx, hold.organisation_id)) {
    return deps.db.transaction().execute(async (trx) => accept(trx, await bookings.clientOrganisation(trx, clientId)));
  }
  return withClientAccess(deps.db, ctx, clientId, CHANGE, async (trx, permit) => accept(trx, permit.clientOrganisationId));
}

/** The sweep: holds nobody answered in time expire and their nights go to the next on the list. */
export async function passOnExpiredHolds(deps: RespiteDeps): Promise<number> {
  const expired = await deps.db.transaction().execute(async (trx) => {
    const rows = await store.expiredHolds(trx, deps.now());
    for (const row of rows) {
      await bookings.setStatus(trx, row.id, 'expired');
      if (row.waitlist_id) await store.setWaitlistStatus(trx, row.waitlist_id, 'waiting');
    }
    return rows;
  });
  for (const row of expired) {
    const booking = await bookings.bookingById(deps.db, row.id);
    if (booking) await offerFreedNights(deps, booking);
  }
  return expired.length;
}
