import type { Transaction } from 'kysely';
import { grantAssignmentAccess, revokeAssignmentAccess, type AccessContext } from '../../../platform/access/index.js';
import type { Database, Executor } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { appendAudit } from '../../../platform/audit/index.js';
import { conflict, invalid, notFound, referralUnanswered } from '../../../platform/http/index.js';
import { minutesOnSite, type MinutesOnSite } from './minutes-on-site.js';
import { allianceSettings, assertCoordinatorOf, inCallersAlliance, nursesOnDutyAt } from '../../nightteam/index.js';
import { rankNurses } from '../dispatch/proposals.js';
import * as store from './store.js';
import { canMove, CLOSED, type IncidentEventType, type IncidentStatus } from './lifecycle.js';
import { notifyIncident } from '../live.js';
import { countOffersExpired } from '../metrics.js';
import { pushToUsers } from '../../push/index.js';
import { isIncidentReason, needs112, proposedUrgency, type Urgency } from './triage.js';
import { recordAssignmentEvent } from '../assignment-events/queue.js';

type Trx = Transaction<Database>;

/** Access to the night summary lasts at most this long after assignment; closing the incident ends it sooner. */
const ASSIGNMENT_ACCESS_HOURS = 12;
const reference = (incidentId: string) => `incident:${incidentId}`;

/** Locks the incident for a change; see inCallersAlliance. */
const loadForChange = async (trx: Trx, ctx: AccessContext, incidentId: string) => inCallersAlliance(ctx, await store.lockIncident(trx, incidentId));

interface Move {
  to: IncidentStatus;
  set?: Partial<Omit<store.IncidentRow, 'id' | 'version'>>;
  type?: IncidentEventType;
  details?: Record<string, unknown>;
}

/** Applies one lifecycle step: checked, versioned, recorded in the history and pushed live, in the caller's transaction. */
async function applyMove(trx: Trx, incident: store.IncidentRow, actorUserId: string | null, move: Move): Promise<void> {
  const from = incident.status;
  if (!canMove(from, move.to)) throw conflict(`An incident that is ${from} cannot become ${move.to}`);
  const closing = CLOSED.has(move.to);
  await trx
    .updateTable('incident')
    .set({ ...move.set, status: move.to, version: incident.version + 1, ...(closing ? { closed_at: new Date(), offer_expires_at: null } : {}) })
    .where('id', '=', incident.id)
    .execute();
  // The night summary is open only while the incident is: closing ends every grant made for it.
  if (closing) await revokeAssignmentAccess(trx, reference(incident.id));
  if (closing && incident.assigned_user_id) await recordClosed(trx, incident, incident.assigned_user_id);
  await store.insertEvent(trx, { incidentId: incident.id, type: move.type ?? move.to, from, to: move.to, actorUserId, details: move.details });
  await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId: incident.id, type: move.type ?? move.to });
}

/** Tells the assignment's subscribers (the ANW Regisseur's read-through cache) that it has ended. */
const recordClosed = (trx: Trx, incident: store.IncidentRow, nurseUserId: string) =>
  recordAssignmentEvent(trx, { allianceId: incident.alliance_id, incidentId: incident.id, kind: 'assignment_closed', nurseUserId, clientOrganisationId: incident.organisation_id, actor: null });

const actorId = (ctx: AccessContext) => (ctx.actorKind === 'user' ? ctx.actorId : null);

export async function triageIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string, input: { urgency: Urgency; reason?: string; note?: string }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadForChange(trx, ctx, incidentId);
    await assertCoordinatorOf(trx, ctx, incident);
    await applyMove(trx, incident, actorId(ctx), {
      to: 'triaged',
      type: 'triaged',
      set: { urgency: input.urgency, reason: input.reason ?? incident.reason, triage_note: input.note ?? null },
      details: { urgency: input.urgency, needs112: needs112(input.urgency, input.reason ?? incident.reason) },
    });
  });
}

/** Offers the incident to one nurse on duty; the offer grants the night summary until the incident closes or the offer lapses. */
async function offerTo(trx: Trx, incident: store.IncidentRow, nurseUserId: string, actor: { userId: string | null; organisationId: string } | null, automatic: boolean): Promise<void> {
  const actorUserId = actor?.userId ?? null;
  const onDuty = (await nursesOnDutyAt(trx, incident.alliance_id, new Date())).find((n) => n.user_id === nurseUserId);
  if (!onDuty) throw invalid('This nurse is not on duty', [{ path: 'userId', code: 'not_on_duty', message: 'This nurse is not on duty' }]);
  const settings = await allianceSettings(trx, incident.alliance_id);
  const expiresAt = new Date(Date.now() + settings.offer_timeout_minutes * 60_000);
  await applyMove(trx, incident, actorUserId, {
    to: 'assigned',
    set: { assigned_user_id: nurseUserId, assigned_organisation_id: onDuty.organisation_id, offer_expires_at: expiresAt },
    details: { nurse: onDuty.name, automatic, offerExpiresAt: expiresAt.toISOString() },
  });
  if (incident.client_id) {
    await grantAssignmentAccess(trx, {
      allianceId: incident.alliance_id,
      clientId: incident.client_id,
      userId: nurseUserId,
      organisationId: onDuty.organisation_id,
      reference: reference(incident.id),
      expiresAt: new Date(Date.now() + ASSIGNMENT_ACCESS_HOURS * 3600_000),
    });
    await recordAssignmentEvent(trx, { allianceId: incident.alliance_id, incidentId: incident.id, kind: 'nurse_assigned', nurseUserId, clientOrganisationId: incident.organisation_id, actor });
  }
}

export async function assignIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string, nurseUserId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadForChange(trx, ctx, incidentId);
    await assertCoordinatorOf(trx, ctx, incident);
    if (!incident.urgency) throw conflict('Triage the incident before assigning it');
    await offerTo(trx, incident, nurseUserId, { userId: actorId(ctx), organisationId: ctx.organisationId }, false);
  });
  pushOffer(deps, nurseUserId, incidentId);
}

/** After the offer has committed: wakes the nurse's phone even when the app is closed (the live stream needs an open page). */
function pushOffer(deps: PlatformDeps, nurseUserId: string, incidentId: string): void {
  void pushToUsers(deps, [nurseUserId], { type: 'offer', incidentId }).catch(() => undefined);
}

/** The assigned nurse's own steps; anybody else gets "not found". */
async function loadAsAssignedNurse(trx: Trx, ctx: AccessContext, incidentId: string): Promise<store.IncidentRow> {
  const incident = await loadForChange(trx, ctx, incidentId);
  if (ctx.actorKind !== 'user' || incident.assigned_user_id !== ctx.actorId) throw notFound('Incident');
  return incident;
}

export async function acceptIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadAsAssignedNurse(trx, ctx, incidentId);
    await applyMove(trx, incident, actorId(ctx), { to: 'accepted', set: { offer_expires_at: null } });
    // An automatic offer is only sure once taken: the Regisseur asks the client's own system for access then.
    if (incident.client_id) {
      await recordAssignmentEvent(trx, { allianceId: incident.alliance_id, incidentId: incident.id, kind: 'offer_accepted', nurseUserId: incident.assigned_user_id, clientOrganisationId: incident.organisation_id, actor: { userId: actorId(ctx), organisationId: ctx.organisationId } });
    }
  });
}

/** Declined or lapsed: back to triaged, the nurse's access ends, and (when the alliance dispatches automatically) the next nurse is offered it. */
async function withdrawOffer(trx: Trx, incident: store.IncidentRow, actorUserId: string | null, why: 'declined' | 'offer_expired'): Promise<void> {
  const nurse = incident.assigned_user_id;
  if (nurse) await revokeAssignmentAccess(trx, reference(incident.id), nurse);
  if (nurse && incident.client_id) {
    await recordAssignmentEvent(trx, { allianceId: incident.alliance_id, incidentId: incident.id, kind: 'offer_withdrawn', nurseUserId: nurse, clientOrganisationId: incident.organisation_id, actor: null });
  }
  await applyMove(trx, incident, actorUserId, {
    to: 'triaged',
    type: why,
    set: { assigned_user_id: null, assigned_organisation_id: null, offer_expires_at: null, declined_user_ids: [...incident.declined_user_ids, ...(nurse ? [nurse] : [])] },
    details: { nurseUserId: nurse },
  });
}

export async function declineIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadAsAssignedNurse(trx, ctx, incidentId);
    if (incident.status !== 'assigned') throw conflict('Only an open offer can be declined');
    await withdrawOffer(trx, incident, actorId(ctx), 'declined');
  });
  await dispatchAutomatically(deps, incidentId);
}

export async function moveByNurse(deps: PlatformDeps, ctx: AccessContext, incidentId: string, to: 'en_route' | 'on_site'): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadAsAssignedNurse(trx, ctx, incidentId);
    await applyMove(trx, incident, actorId(ctx), { to, set: to === 'on_site' ? { on_site_at: new Date() } : {} });
  });
}

export interface VisitReportInput {
  actions: string[];
  minutesOnSite?: number;
  minutesCorrectionReason?: string;
  followUpNeeded: boolean;
  followUp?: string;
  notes?: string;
  caregiverCannotCope?: boolean;
  confirmUnansweredReferral?: boolean;
}

/** The nurse writes the visit report and closes the incident in one step. */
export async function completeIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string, report: VisitReportInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadAsAssignedNurse(trx, ctx, incidentId);
    if (incident.status !== 'on_site') throw conflict('Report and complete once on site');
    // The GP post's answer may still change what the night team should do: closing without it is a decision.
    if (!report.confirmUnansweredReferral && (await store.hasUnansweredReferral(trx, incident.id))) throw referralUnanswered();
    const minutes = minutesOnSite(incident.on_site_at, new Date(), report.minutesOnSite, report.minutesCorrectionReason);
    await trx
      .insertInto('visit_report')
      .values({
        incident_id: incident.id,
        actions: report.actions,
        minutes_on_site: minutes.minutes,
        minutes_computed: minutes.computed,
        minutes_correction_reason: minutes.correctionReason,
        follow_up_needed: report.followUpNeeded,
        follow_up: report.followUp ?? null,
        notes: report.notes ?? null,
        caregiver_cannot_cope: report.caregiverCannotCope ?? false,
        written_by: actorId(ctx) ?? '',
      })
      .execute();
    if (minutes.correctionReason) await appendAudit(trx, [minutesCorrectionAudit(ctx, incident, minutes)]);
    await applyMove(trx, incident, actorId(ctx), {
      to: 'completed',
      set: { outcome: 'completed' },
      details: { minutesOnSite: minutes.minutes, minutesComputed: minutes.computed, minutesCorrectionReason: minutes.correctionReason, followUpNeeded: report.followUpNeeded, confirmedUnansweredReferral: report.confirmUnansweredReferral ?? false },
    });
  });
}

/** A corrected figure feeds the partners' cost key: who changed it, from what, and why, in the audit log. */
const minutesCorrectionAudit = (ctx: AccessContext, incident: store.IncidentRow, minutes: MinutesOnSite) => ({
  allianceId: incident.alliance_id,
  userId: actorId(ctx),
  userName: ctx.actorName,
  organisationId: ctx.organisationId,
  role: ctx.roles[0] ?? null,
  clientId: incident.client_id,
  clientOrganisationId: incident.organisation_id,
  action: 'correct_minutes' as const,
  resource: 'visit_report' as const,
  fields: ['minutes_on_site'],
  purpose: 'nightcare',
  reason: `${minutes.computed} → ${minutes.minutes}: ${minutes.correctionReason ?? ''}`,
  grantId: null,
  outcome: 'allowed' as const,
});

export async function cancelIncident(deps: PlatformDeps, ctx: AccessContext, incidentId: string, reason: string, note?: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadForChange(trx, ctx, incidentId);
    await assertCoordinatorOf(trx, ctx, incident);
    await applyMove(trx, incident, actorId(ctx), { to: 'cancelled', set: { outcome: reason }, details: { reason, note: note ?? null } });
  });
}

/** Hand-over to 112: the ambulance service takes the incident over, which closes it for the night team. */
export async function escalateTo112(deps: PlatformDeps, ctx: AccessContext, incidentId: string, note?: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await loadForChange(trx, ctx, incidentId);
    const isAssignee = ctx.actorKind === 'user' && incident.assigned_user_id === ctx.actorId;
    if (!isAssignee) await assertCoordinatorOf(trx, ctx, incident);
    await applyMove(trx, incident, actorId(ctx), { to: 'escalated', set: { outcome: 'escalated_112' }, details: { target: '112', note: note ?? null } });
  });
}

/**
 * When the alliance dispatches an urgency automatically, a new identified alarm is triaged with the
 * rule's urgency and offered to the best nurse on duty, without waiting for the coordinator's click.
 */
export async function dispatchAutomatically(deps: PlatformDeps, incidentId: string): Promise<boolean> {
  // A look without a lock first: where the urgency is dispatched by hand (most alliances, most alarms), an
  // alarm burst must not queue on incident rows that a coordinator may be changing at the same moment.
  if (!(await automaticUrgency(deps.db, await store.findIncident(deps.db, incidentId)))) return false;
  const offeredTo = await deps.db.transaction().execute(async (trx): Promise<string | null> => {
    let incident = await store.lockIncident(trx, incidentId);
    const urgency = await automaticUrgency(trx, incident);
    if (!incident || !urgency) return null;
    if (incident.status === 'received') {
      await applyMove(trx, incident, null, { to: 'triaged', set: { urgency }, details: { urgency, automatic: true } });
      incident = { ...incident, status: 'triaged', urgency, version: incident.version + 1 };
    }
    const best = (await rankNurses(trx, incident)).find((p) => p.missingSkills.length === 0);
    if (!best) return null;
    await offerTo(trx, incident, best.userId, null, true);
    return best.userId;
  });
  if (offeredTo) pushOffer(deps, offeredTo, incidentId);
  return offeredTo !== null;
}

/** The urgency an incident would be dispatched with automatically, or null when it is not (any more) for automatic dispatch. */
async function automaticUrgency(executor: Executor, incident: store.IncidentRow | undefined): Promise<Urgency | null> {
  if (!incident || !incident.client_id || !['received', 'triaged'].includes(incident.status)) return null;
  const settings = await allianceSettings(executor, incident.alliance_id);
  const urgency = incident.urgency ?? proposedUrgency(isIncidentReason(incident.reason) ? incident.reason : 'other');
  return settings.auto_dispatch_urgencies.includes(urgency) ? urgency : null;
}

/** Offers not accepted in time go back and on to the next nurse. Safe with several instances: SKIP LOCKED. */
export async function expireOffers(deps: PlatformDeps, now = new Date()): Promise<number> {
  const expired = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('incident').selectAll().where('status', '=', 'assigned').where('offer_expires_at', '<', now).forUpdate().skipLocked().limit(50).execute();
    for (const incident of rows) await withdrawOffer(trx, incident, null, 'offer_expired');
    return rows.map((r) => r.id);
  });
  countOffersExpired(expired.length);
  for (const id of expired) await dispatchAutomatically(deps, id);
  return expired.length;
}
