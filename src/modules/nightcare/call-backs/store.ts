import type { Executor } from '../../../platform/db/index.js';
import type { CallParty } from '../tables.js';

export const callBacksOf = (executor: Executor, incidentId: string) =>
  executor.selectFrom('call_back').selectAll().where('incident_id', '=', incidentId).orderBy('due_at').limit(200).execute();

export const callLogOf = (executor: Executor, incidentId: string) =>
  executor
    .selectFrom('call_log as l')
    .innerJoin('app_user as u', 'u.id', 'l.logged_by')
    .select(['l.id', 'l.direction', 'l.party', 'l.name', 'l.note', 'l.call_back_id', 'l.at', 'u.name as logged_by_name'])
    .where('l.incident_id', '=', incidentId)
    .orderBy('l.at')
    .limit(500)
    .execute();

/** The alliance's call-backs not yet done, soonest due first, with the incident's client for the access check. */
export const openCallBacks = (executor: Executor, allianceId: string) =>
  executor
    .selectFrom('call_back as c')
    .innerJoin('incident as i', 'i.id', 'c.incident_id')
    .select(['c.id', 'c.incident_id', 'c.party', 'c.name', 'c.phone', 'c.note', 'c.due_at', 'i.client_id'])
    .where('c.alliance_id', '=', allianceId)
    .where('c.done_at', 'is', null)
    .orderBy('c.due_at')
    .limit(200)
    .execute();

export const insertCallBack = (
  executor: Executor,
  callBack: { incidentId: string; allianceId: string; party: CallParty; name: string; phone: string; note: string | null; dueAt: Date; createdBy: string },
) =>
  executor
    .insertInto('call_back')
    .values({ incident_id: callBack.incidentId, alliance_id: callBack.allianceId, party: callBack.party, name: callBack.name, phone: callBack.phone, note: callBack.note, due_at: callBack.dueAt, created_by: callBack.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

export const findCallBack = (executor: Executor, id: string) => executor.selectFrom('call_back').select(['id', 'incident_id']).where('id', '=', id).executeTakeFirst();

/** Marks a call-back done unless it already is; the row when this call did it. */
export const completeCallBack = (executor: Executor, id: string, by: string, at: Date) =>
  executor.updateTable('call_back').set({ done_at: at, done_by: by }).where('id', '=', id).where('done_at', 'is', null).returning(['party', 'name']).executeTakeFirst();

export const insertCall = (
  executor: Executor,
  call: { incidentId: string; allianceId: string; direction: 'in' | 'out'; party: CallParty; name: string; note: string | null; callBackId: string | null; at: Date; loggedBy: string },
) =>
  executor
    .insertInto('call_log')
    .values({ incident_id: call.incidentId, alliance_id: call.allianceId, direction: call.direction, party: call.party, name: call.name, note: call.note, call_back_id: call.callBackId, at: call.at, logged_by: call.loggedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
