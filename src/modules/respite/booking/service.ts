import { formatInTimeZone } from 'date-fns-tz';
import { actingAlliance, revokeAssignmentAccess, withClientAccess, type AccessContext, type ClientPermit } from '../../../platform/access/index.js';
import { isExclusionViolation, type Executor } from '../../../platform/db/index.js';
import { AppError, forbidden, invalid, notFound } from '../../../platform/http/index.js';
import { translator } from '../../../platform/i18n/index.js';
import type { RespiteDeps } from '../deps.js';
import type { SeriesCreate, StayCreate } from '../schemas.js';
import { offerFreedNights } from '../waitlist/service.js';
import { checkFunding, type FundingVerdict } from './funding.js';
import { addDays, expandSeries, MAX_OCCURRENCES } from './series.js';
import { grantCareHome, isCareHomeDesk } from './stay-grant.js';
import * as store from './store.js';

const CHANGE = { level: 'change', action: 'book_stay', resource: 'respite_stay', sharingPurpose: 'respite' } as const;

export const noRoom = () => new AppError('NO_ROOM', 'No bed is free at this location for these nights');

/** A planned stay must start at least the alliance's lead time from today; sooner is a crisis, not respite. */
export async function assertPlanned(executor: Executor, deps: RespiteDeps, allianceId: string, from: string): Promise<{ time_zone: string; hold_hours: number }> {
  const settings = await store.allianceSettings(executor, allianceId);
  const today = formatInTimeZone(deps.now(), settings.time_zone, 'yyyy-MM-dd');
  if (from < addDays(today, settings.min_lead_days)) {
    throw new AppError('CRISIS_ROUTE', 'This is sooner than a planned stay allows: call the crisis line', undefined, { crisisPhone: settings.crisis_phone, minLeadDays: settings.min_lead_days });
  }
  return settings;
}

/** Why a scheme does not pay, in words an API user can act on; the details carry the figures. */
function notCoveredMessage(verdict: FundingVerdict, nights: number, year: string): string {
  if (!verdict.onFile) return `No ${verdict.scheme} decision is on file for this person`;
  if (!verdict.validForDates) return `The ${verdict.scheme} decision on file is not valid for these dates`;
  return `${verdict.scheme} covers ${verdict.nightsRemaining ?? 0} more night(s) in ${year}; this stay needs ${nights}`;
}

/**
 * The chosen scheme must pay for the nights: for Wmo a decision valid over the dates (recorded for the
 * person, or the municipality's decision on the request answered now or before) with enough nights left
 * in the stay's calendar year. Nights already booked in this transaction (earlier stays of a series) are
 * read back from the database, so a series counts its own occurrences. A stay being moved passes its id,
 * so only its new nights count.
 */
async function assertFunded(
  executor: Executor, clientId: string, scheme: 'wmo' | 'wlz' | 'private', from: string, to: string, requestId: string | null, movingStayId: string | null = null,
): Promise<void> {
  if (scheme === 'private') return;
  // Two bookings for one person at once must not both count the same remaining Wmo nights: the second
  // waits here for the first to commit, and then counts its nights too (read committed re-reads).
  await store.lockFunding(executor, clientId);
  const onFile = await store.fundingOnFile(executor, clientId, requestId);
  const year = from.slice(0, 4);
  const used = await store.wmoNightsUsed(executor, clientId, Number(year), movingStayId);
  const verdict = checkFunding(onFile, used, from, to).find((v) => v.scheme === scheme);
  if (!verdict || verdict.covers) return;
  const nights = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  throw new AppError('FUNDING_NOT_COVERED', notCoveredMessage(verdict, nights, year), undefined, { ...verdict, nightsNeeded: nights, from, to });
}

async function locationInAlliance(executor: Executor, ctx: AccessContext, locationId: string) {
  const location = await store.locationById(executor, locationId);
  if (location?.alliance_id !== actingAlliance(ctx)) throw notFound('Location');
  return location;
}

/**
 * The public request a stay or series answers, so the caregiver who sent it sees the proposal when she
 * signs in. Only the intake the request was sent to may answer it; any other reads as not found.
 */
async function answeringRequest(executor: Executor, ctx: AccessContext, requestId: string | undefined): Promise<string | null> {
  if (!requestId) return null;
  const answered = await store.markRequestProposed(executor, requestId, actingAlliance(ctx), ctx.organisationId);
  if (!answered) throw notFound('Request');
  return requestId;
}

/** Books one stay, committed before the caller hears of it; the last bed goes to exactly one caller. */
export async function bookStay(deps: RespiteDeps, ctx: AccessContext, input: StayCreate) {
  if (input.from >= input.to) throw invalid('The stay must last at least one night');
  try {
    return await withClientAccess(deps.db, ctx, input.clientId, { ...CHANGE, action: 'book_stay' }, async (trx, permit) => {
      const location = await locationInAlliance(trx, ctx, input.locationId);
      const settings = await assertPlanned(trx, deps, permit.allianceId, input.from);
      const requestId = await answeringRequest(trx, ctx, input.requestId);
      await assertFunded(trx, input.clientId, input.funding, input.from, input.to, requestId);
      const previous = await store.lastStay(trx, input.clientId);
      const row = await store.insertStay(trx, {
        allianceId: permit.allianceId, organisationId: location.organisation_id, locationId: location.id, clientId: input.clientId,
        from: input.from, to: input.to, status: 'requested', funding: input.funding, bedId: input.bedId, preferredBedId: previous?.bed_id, requestId,
      });
      if (!row) throw noRoom();
      await grantCareHome(trx, permit, location.organisation_id, row.id, input.to, settings.time_zone);
      return { id: row.id, bedId: row.bed_id, from: input.from, to: input.to, status: 'requested' };
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw noRoom();
    throw error;
  }
}

/**
 * Books a series. All-or-nothing: one transaction, and one taken night refuses the whole series.
 * Per occurrence: each stay on its own, and the answer lists what could not be booked and why.
 * Every occurrence tries the bed that is free for the most of them first, so the person keeps one bed.
 */
export async function bookSeries(deps: RespiteDeps, ctx: AccessContext, input: SeriesCreate) {
  return withClientAccess(deps.db, ctx, input.clientId, CHANGE, async (trx, permit) => {
    const location = await locationInAlliance(trx, ctx, input.locationId);
    const settings = await store.allianceSettings(trx, permit.allianceId);
    let occurrences;
    try {
      occurrences = expandSeries(input.rrule, input.firstCheckIn, input.nights, settings.time_zone, MAX_OCCURRENCES);
    } catch {
      throw invalid('The recurrence rule is not valid RFC 5545', [{ path: 'rrule', code: 'invalid_rrule', message: 'not a valid RRULE' }]);
    }
    if (occurrences.length === 0) throw invalid('The rule gives no stays');
    await assertPlanned(trx, deps, permit.allianceId, occurrences[0]?.from ?? input.firstCheckIn);
    const requestId = await answeringRequest(trx, ctx, input.requestId);
    const series = await trx
      .insertInto('respite_series')
      .values({ alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId, client_id: input.clientId, location_id: location.id, rrule: input.rrule, nights: input.nights, confirmation: input.confirmation, request_id: requestId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const preferredBedId = (await store.lastStay(trx, input.clientId))?.bed_id ?? (await store.bestBedForAll(trx, location.id, occurrences));
    const booked: { id: string; bedId: string; from: string; to: string; status: string }[] = [];
    const refused: { from: string; to: string; reason: string }[] = [];
    for (const o of occurrences) {
      const outcome = await bookOccurrence(trx, input, permit, location.organisation_id, series.id, o, preferredBedId, requestId, input.confirmation === 'per_occurrence');
      if ('reason' in outcome) {
        if (input.confirmation === 'all_or_nothing') {
          if (outcome.reason === 'funding') throw new AppError('FUNDING_NOT_COVERED', `The stay of ${o.from} cannot be booked: ${outcome.error.message}`, undefined, outcome.error.details);
          throw new AppError('NO_ROOM', `The stay of ${o.from} cannot be booked: no room`, undefined, { from: o.from, to: o.to });
        }
        refused.push({ from: o.from, to: o.to, reason: outcome.reason });
        continue;
      }
      await grantCareHome(trx, permit, location.organisation_id, outcome.id, o.to, settings.time_zone);
      booked.push({ id: outcome.id, bedId: outcome.bed_id, from: o.from, to: o.to, status: 'requested' });
    }
    return { seriesId: series.id, booked, refused };
  });
}

/** One stay of a series; per occurrence it runs in a savepoint so a taken bed refuses only this one. */
async function bookOccurrence(
  trx: Executor, input: SeriesCreate, permit: ClientPermit, careHomeOrg: string, seriesId: string,
  o: { from: string; to: string }, preferredBedId: string | null | undefined, requestId: string | null, isolated: boolean,
): Promise<{ id: string; bed_id: string } | { reason: 'no_room' } | { reason: 'funding'; error: AppError }> {
  try {
    await assertFunded(trx, input.clientId, input.funding, o.from, o.to, requestId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'FUNDING_NOT_COVERED') return { reason: 'funding', error };
    throw error;
  }
  const attempt = () => store.insertStay(trx, {
    allianceId: permit.allianceId, organisationId: careHomeOrg, locationId: input.locationId, clientId: input.clientId,
    from: o.from, to: o.to, status: 'requested', funding: input.funding, seriesId, preferredBedId, requestId: input.requestId ?? null,
  });
  if (!isolated) return (await attempt()) ?? { reason: 'no_room' };
  await store.savepoint(trx, 'occurrence');
  try {
    const row = await attempt();
    await store.releaseSavepoint(trx, 'occurrence');
    return row ?? { reason: 'no_room' };
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    await store.rollbackToSavepoint(trx, 'occurrence');
    return { reason: 'no_room' };
  }
}

/** The booking, if the caller's organisation is the person's or the care home's; else not found. */
async function stayFor(deps: RespiteDeps, ctx: AccessContext, id: string, forUpdate: Executor | undefined = undefined) {
  const row = await store.bookingById(forUpdate ?? deps.db, id, Boolean(forUpdate));
  if (!row?.client_id || row.alliance_id !== actingAlliance(ctx)) throw notFound('Stay');
  return { ...row, client_id: row.client_id };
}

/**
 * Moves a stay to other nights on the same bed; the constraint refuses nights that are taken. The new
 * nights must be funded as a new booking's would be (same check, same per-person lock), counting
 * everything but this stay's current nights; a refusal rolls back and leaves the stay as it was.
 */
export async function changeStay(deps: RespiteDeps, ctx: AccessContext, id: string, from: string, to: string) {
  if (from >= to) throw invalid('The stay must last at least one night');
  const stay = await stayFor(deps, ctx, id);
  try {
    return await withClientAccess(deps.db, ctx, stay.client_id, { ...CHANGE, action: 'update' }, async (trx) => {
      const locked = await stayFor(deps, ctx, id, trx);
      if (!['requested', 'booked'].includes(locked.status)) throw invalid('Only a requested or booked stay can change');
      await assertPlanned(trx, deps, locked.alliance_id, from);
      if (locked.funding) await assertFunded(trx, locked.client_id, locked.funding, from, to, locked.request_id, id);
      await store.changeNights(trx, { id, locationId: locked.location_id }, from, to);
      return { id, bedId: locked.bed_id, from, to, status: locked.status };
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw noRoom();
    throw error;
  }
}

/** Cancels a stay, ends the care home's access to the needs, and offers the freed nights to the waiting list. */
export async function cancelStay(deps: RespiteDeps, ctx: AccessContext, id: string) {
  const stay = await stayFor(deps, ctx, id);
  const cancel = async (trx: Executor) => {
    const locked = await stayFor(deps, ctx, id, trx);
    if (!['requested', 'booked', 'held'].includes(locked.status)) throw invalid('This stay is not active');
    await store.setStatus(trx, id, 'cancelled');
    await revokeAssignmentAccess(trx, `stay:${id}`);
    return locked;
  };
  // The care home may cancel a stay in its own bed (illness, closure) without access to the person's record.
  const freed = isCareHomeDesk(ctx, stay.organisation_id)
    ? await deps.db.transaction().execute(cancel)
    : await withClientAccess(deps.db, ctx, stay.client_id, { ...CHANGE, action: 'update' }, cancel);
  const offered = await offerFreedNights(deps, freed);
  return { id, status: 'cancelled', offeredTo: offered };
}

/** The care home's side: accept or decline a requested stay, or record a no-show. */
export async function decideStay(deps: RespiteDeps, ctx: AccessContext, id: string, decision: 'accept' | 'decline' | 'no_show') {
  const stay = await stayFor(deps, ctx, id);
  if (!isCareHomeDesk(ctx, stay.organisation_id)) throw notFound('Stay');
  const from: Record<typeof decision, string> = { accept: 'requested', decline: 'requested', no_show: 'booked' };
  const to = { accept: 'booked', decline: 'declined', no_show: 'no_show' } as const;
  const updated = await deps.db.transaction().execute(async (trx) => {
    const locked = await stayFor(deps, ctx, id, trx);
    if (locked.status !== from[decision]) return undefined;
    await store.setStatus(trx, id, to[decision]);
    if (decision !== 'accept') await revokeAssignmentAccess(trx, `stay:${id}`);
    return locked;
  });
  if (!updated) throw invalid(`Only a ${from[decision]} stay can be marked so`);
  if (decision === 'decline') await offerFreedNights(deps, updated);
  return { id, bedId: stay.bed_id, from: stay.from, to: stay.to, status: to[decision] };
}

/**
 * Which schemes pay for these nights, and how many Wmo nights remain this year; Zvw only as a referral.
 * The municipality decides on a request, before any stay ties that request to a person: the intake that
 * answers it names it (`requestId`), as it does when it books, so the check sees the decision the booking
 * will be funded by. Only the intake the request was sent to may name it; any other reads as not found.
 */
export async function fundingCheck(deps: RespiteDeps, ctx: AccessContext, clientId: string, from: string, to: string, requestId: string | null = null) {
  return withClientAccess(deps.db, ctx, clientId, { level: 'record', action: 'read', resource: 'respite_stay', sharingPurpose: 'respite' }, async (db) => {
    if (requestId && !(await store.isIntakeRequest(db, requestId, actingAlliance(ctx), ctx.organisationId))) throw notFound('Request');
    const onFile = await store.fundingOnFile(db, clientId, requestId);
    const used = await store.wmoNightsUsed(db, clientId, Number(from.slice(0, 4)));
    return checkFunding(onFile, used, from, to);
  });
}

export function assertSameAlliance(ctx: AccessContext, allianceId: string): void {
  if (actingAlliance(ctx) !== allianceId) throw forbidden();
}

/** The funding check as the intake reads it: per scheme a sentence, and Zvw as a referral, never as funding. */
export async function fundingCheckInWords(deps: RespiteDeps, ctx: AccessContext, clientId: string, from: string, to: string, requestId: string | null = null) {
  const t = translator('nl');
  const verdicts = await fundingCheck(deps, ctx, clientId, from, to, requestId);
  return {
    schemes: verdicts.map((v) => ({
      ...v,
      text: t(`respite.funding.${v.scheme}.${v.covers ? 'covers' : !v.onFile ? 'none' : !v.validForDates ? 'invalid' : 'exhausted'}`, { nights: v.nightsRemaining ?? 0 }),
    })),
    referral: { scheme: 'zvw' as const, text: t('respite.funding.zvw') },
  };
}

/** An introductory visit: a bookable first step, at a location that offers one, with the same lead time. */
export async function bookIntroVisit(deps: RespiteDeps, ctx: AccessContext, input: { clientId: string; locationId: string; visitOn: string }): Promise<string> {
  return withClientAccess(deps.db, ctx, input.clientId, { ...CHANGE, action: 'create' }, async (trx, permit) => {
    const location = await locationInAlliance(trx, ctx, input.locationId);
    if (!location.intro_visit_possible) throw invalid('This location offers no introductory visit');
    await assertPlanned(trx, deps, permit.allianceId, input.visitOn);
    const row = await trx
      .insertInto('respite_intro_visit')
      .values({ alliance_id: permit.allianceId, organisation_id: location.organisation_id, location_id: location.id, client_id: input.clientId, visit_on: input.visitOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
