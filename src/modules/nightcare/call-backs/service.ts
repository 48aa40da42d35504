import { actingAlliance, authorizeClients, type AccessContext } from '../../../platform/access/index.js';
import type { CallParty } from '../tables.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, notFound } from '../../../platform/http/index.js';
import { assertCoordinator } from '../../nightteam/index.js';
import { withIncidentParty } from '../incidents/incident-access.js';
import { notifyIncident } from '../live.js';
import * as store from './store.js';

export interface CallBackInput {
  party: CallParty;
  name: string;
  phone: string;
  note?: string | undefined;
  dueAt: Date;
}

export interface CallInput {
  direction: 'in' | 'out';
  party: CallParty;
  name: string;
  note?: string | undefined;
  at?: Date | undefined;
}

const callBackView = (c: { id: string; incident_id: string; party: CallParty; name: string; phone: string; note: string | null; due_at: Date }, now: Date) => ({
  id: c.id,
  incidentId: c.incident_id,
  party: c.party,
  name: c.name,
  phone: c.phone,
  note: c.note,
  dueAt: c.due_at,
  overdue: c.due_at <= now,
});

// Call-backs and the call log are the coordinator's desk: the nurse in the car does not phone families back.
const coordinatorOnly = { nurse: false } as const;

/** One incident's call-backs (done ones too) and its call log. */
export async function incidentCalls(deps: PlatformDeps, ctx: AccessContext, incidentId: string, now = new Date()) {
  return withIncidentParty(deps, ctx, incidentId, { ...coordinatorOnly, request: { action: 'read', resource: 'call_back', fields: ['call_backs', 'call_log'] } }, async (trx) => {
    const [callBacks, log] = await Promise.all([store.callBacksOf(trx, incidentId), store.callLogOf(trx, incidentId)]);
    return {
      callBacks: callBacks.map((c) => ({ ...callBackView(c, now), overdue: c.done_at === null && c.due_at <= now, doneAt: c.done_at })),
      log: log.map((l) => ({ id: l.id, direction: l.direction, party: l.party, name: l.name, note: l.note, callBackId: l.call_back_id, at: l.at, loggedByName: l.logged_by_name })),
    };
  });
}

export async function addCallBack(deps: PlatformDeps, ctx: AccessContext, incidentId: string, input: CallBackInput): Promise<string> {
  return withIncidentParty(deps, ctx, incidentId, { ...coordinatorOnly, request: { action: 'create', resource: 'call_back' } }, async (trx, { incident }) => {
    const { id } = await store.insertCallBack(trx, { incidentId, allianceId: incident.alliance_id, party: input.party, name: input.name, phone: input.phone, note: input.note ?? null, dueAt: input.dueAt, createdBy: ctx.actorId });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'call_back' });
    return id;
  });
}

/** A call in or out, in the incident's log. */
export async function logCall(deps: PlatformDeps, ctx: AccessContext, incidentId: string, input: CallInput, now = new Date()): Promise<string> {
  return withIncidentParty(deps, ctx, incidentId, { ...coordinatorOnly, request: { action: 'create', resource: 'call_log' } }, async (trx, { incident }) => {
    const { id } = await store.insertCall(trx, { incidentId, allianceId: incident.alliance_id, direction: input.direction, party: input.party, name: input.name, note: input.note ?? null, callBackId: null, at: input.at ?? now, loggedBy: ctx.actorId });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'call_log' });
    return id;
  });
}

/** The coordinator phoned back: the call-back is done and the call goes into the log. 409 when it was done already. */
export async function completeCallBack(deps: PlatformDeps, ctx: AccessContext, callBackId: string, note: string | undefined, now = new Date()): Promise<void> {
  const found = await store.findCallBack(deps.db, callBackId);
  if (!found) throw notFound('Call-back');
  await withIncidentParty(deps, ctx, found.incident_id, { ...coordinatorOnly, request: { action: 'update', resource: 'call_back' } }, async (trx, { incident }) => {
    const done = await store.completeCallBack(trx, callBackId, ctx.actorId, now);
    if (!done) throw conflict('The call-back is done already');
    await store.insertCall(trx, { incidentId: incident.id, allianceId: incident.alliance_id, direction: 'out', party: done.party, name: done.name, note: note ?? null, callBackId, at: now, loggedBy: ctx.actorId });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId: incident.id, type: 'call_back' });
  });
}

/**
 * The board's call-back list: every open call-back of the alliance, soonest due first, overdue ones
 * marked. One batched access check (and audit entry per client) for all their clients; a call-back on
 * a client the coordinator may not identify is left out, as its incident shows no client either.
 */
export async function openCallBacks(deps: PlatformDeps, ctx: AccessContext, now = new Date()) {
  const allianceId = actingAlliance(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const rows = await store.openCallBacks(trx, allianceId);
    const clientIds = rows.map((r) => r.client_id).filter((id): id is string => id !== null);
    const permits = clientIds.length > 0 ? await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'read', resource: 'call_back', purpose: 'nightcare' }) : new Map();
    return rows.filter((r) => r.client_id === null || permits.has(r.client_id)).map((r) => callBackView(r, now));
  });
}
