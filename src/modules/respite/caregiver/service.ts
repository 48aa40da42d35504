import { revokeAssignmentAccess } from '../../../platform/access/index.js';
import { appendAudit, type AuditAction } from '../../../platform/audit/index.js';
import type { CitizenSession } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import { formatInTimeZone } from 'date-fns-tz';
import * as bookings from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { offerFreedNights } from '../waitlist/service.js';
import * as store from './store.js';

const ACTIVE = new Set(['requested', 'booked']);

/** NEN 7513: a caregiver reading or changing a person's stays is logged like staff, per person. */
async function auditStays(executor: Executor, citizen: CitizenSession, stays: readonly store.CaregiverStay[], action: AuditAction): Promise<void> {
  const perClient = new Map(stays.map((s) => [s.client_id, s]));
  if (perClient.size === 0) return;
  await appendAudit(
    executor,
    [...perClient.values()].map((s) => ({
      allianceId: s.alliance_id, userId: citizen.citizenId, userName: citizen.name, organisationId: null, role: 'citizen', clientId: s.client_id,
      clientOrganisationId: s.client_organisation_id, action, resource: 'respite_stay', fields: [], purpose: 'own_request', reason: null, grantId: null, outcome: 'allowed' as const,
    })),
  );
}

const stayOut = (s: store.CaregiverStay) => ({
  id: s.id, requestId: s.request_id, seriesId: s.series_id, confirmation: s.confirmation, location: s.location, city: s.city, from: s.from, to: s.to, status: s.status, confirmed: s.confirmed,
  feedback: s.feedback,
});

/** "Mijn aanvragen": the caregiver's own requests and the stays proposed or booked in answer to them. */
export async function caregiverOverview(deps: RespiteDeps, citizen: CitizenSession) {
  return deps.db.transaction().execute(async (trx) => {
    const requests = await store.requestsOf(trx, citizen.citizenId);
    const stays = await store.staysOf(trx, citizen.citizenId);
    await auditStays(trx, citizen, stays, 'read');
    return {
      requests: requests.map((r) => ({ id: r.id, reference: r.id.slice(0, 8), status: r.status, outcome: r.outcome, from: r.from, to: r.to, forWhom: r.for_whom, intake: r.intake,
        wmoDecision: r.wmo_granted === null ? null : { granted: r.wmo_granted, refusalReason: r.wmo_refusal_reason },
      })),
      stays: stays.map(stayOut),
    };
  });
}

/** Ends stays the caregiver no longer wants: the care home loses the access, and the nights go to the waiting list. */
async function release(trx: Executor, stays: readonly store.CaregiverStay[]): Promise<void> {
  for (const stay of stays) {
    await bookings.setStatus(trx, stay.id, 'cancelled');
    await revokeAssignmentAccess(trx, `stay:${stay.id}`);
  }
}

const offerAll = async (deps: RespiteDeps, stays: readonly store.CaregiverStay[]) => {
  for (const stay of stays) await offerFreedNights(deps, stay);
};

/**
 * Confirms a proposed series. All-or-nothing: every open occurrence at once, or none (naming only some
 * is refused). Per occurrence: the named ones are confirmed and the others released for someone else.
 */
export async function confirmSeries(deps: RespiteDeps, citizen: CitizenSession, seriesId: string, stayIds: readonly string[] | undefined) {
  const released = await deps.db.transaction().execute(async (trx) => {
    const stays = await store.lockOwnStays(trx, citizen.citizenId, { seriesId });
    if (stays.length === 0) throw notFound('Series');
    const open = stays.filter((s) => ACTIVE.has(s.status) && !s.confirmed);
    const wanted = new Set(stayIds ?? open.map((s) => s.id));
    if ([...wanted].some((id) => !open.some((s) => s.id === id))) throw invalid('Only open stays of this series can be confirmed');
    if (stays[0]?.confirmation === 'all_or_nothing' && wanted.size !== open.length) throw invalid('This series is confirmed as a whole');
    if (wanted.size === 0) throw invalid('Confirm at least one stay, or cancel the series');
    await store.markConfirmed(trx, [...wanted], deps.now());
    const unwanted = open.filter((s) => !wanted.has(s.id));
    await release(trx, unwanted);
    await auditStays(trx, citizen, stays, 'update');
    return unwanted;
  });
  // After commit: the freed nights exist before anybody on the list is told.
  await offerAll(deps, released);
  return caregiverOverview(deps, citizen);
}

/** Confirms one stay that is not part of a series. */
export async function confirmStay(deps: RespiteDeps, citizen: CitizenSession, stayId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const [stay] = await store.lockOwnStays(trx, citizen.citizenId, { stayId });
    if (!stay) throw notFound('Stay');
    if (!ACTIVE.has(stay.status) || stay.confirmed) throw invalid('Only an open stay can be confirmed');
    await store.markConfirmed(trx, [stay.id], deps.now());
    await auditStays(trx, citizen, [stay], 'update');
  });
  return caregiverOverview(deps, citizen);
}

/** The caregiver cancels one of her stays; its nights are offered to the waiting list. */
export async function cancelOwnStay(deps: RespiteDeps, citizen: CitizenSession, stayId: string) {
  const cancelled = await deps.db.transaction().execute(async (trx) => {
    const [stay] = await store.lockOwnStays(trx, citizen.citizenId, { stayId });
    if (!stay) throw notFound('Stay');
    if (!ACTIVE.has(stay.status)) throw invalid('This stay is not active');
    await release(trx, [stay]);
    await auditStays(trx, citizen, [stay], 'update');
    return stay;
  });
  await offerAll(deps, [cancelled]);
  return caregiverOverview(deps, citizen);
}

/**
 * Feedback after a stay that took place: from the caregiver, and from the person who stayed (the
 * caregiver types it in for them). Once each; only after the last night.
 */
export async function giveFeedback(deps: RespiteDeps, citizen: CitizenSession, stayId: string, input: { respondent: 'caregiver' | 'person'; rating: number; comment: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const [stay] = await store.lockOwnStays(trx, citizen.citizenId, { stayId });
    if (!stay) throw notFound('Stay');
    const { time_zone } = await bookings.allianceSettings(trx, stay.alliance_id);
    if (stay.status !== 'booked' || stay.to > formatInTimeZone(deps.now(), time_zone, 'yyyy-MM-dd')) throw invalid('Feedback is for a stay that has taken place');
    if (!(await store.insertFeedback(trx, stay, input))) throw conflict('This feedback has been given already');
    await auditStays(trx, citizen, [stay], 'create');
  });
  return caregiverOverview(deps, citizen);
}
