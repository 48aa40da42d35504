import { sql } from 'kysely';
import type { Executor, ReadDb } from '../../../platform/db/index.js';
import type { IncidentEventType, IncidentStatus } from './lifecycle.js';

type Trx = Executor;

export const lockIncident = (trx: Trx, id: string) => trx.selectFrom('incident').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export type IncidentRow = NonNullable<Awaited<ReturnType<typeof lockIncident>>>;

export const findIncident = (executor: Trx, id: string): Promise<IncidentRow | undefined> => executor.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertEvent(
  trx: Trx,
  event: { incidentId: string; type: IncidentEventType; from?: IncidentStatus | null; to?: IncidentStatus | null; actorUserId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('incident_event')
    .values({ incident_id: event.incidentId, type: event.type, from_status: event.from ?? null, to_status: event.to ?? null, actor_user_id: event.actorUserId ?? null, details: JSON.stringify(event.details ?? {}) })
    .execute();
}

export const openIncidents = (trx: ReadDb, allianceIds: string[], assignedTo?: string) => {
  let query = trx.selectFrom('incident').selectAll().where('alliance_id', 'in', allianceIds).where('closed_at', 'is', null);
  if (assignedTo) query = query.where('assigned_user_id', '=', assignedTo);
  return query.orderBy('received_at').limit(500).execute();
};

export const recentClosed = (trx: ReadDb, allianceIds: string[], since: Date) =>
  trx.selectFrom('incident').selectAll().where('alliance_id', 'in', allianceIds).where('closed_at', '>=', since).orderBy('closed_at', 'desc').limit(200).execute();

export const incidentEvents = (trx: Trx, incidentId: string) =>
  trx
    .selectFrom('incident_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.type', 'e.from_status', 'e.to_status', 'e.details', 'u.name as actor_name'])
    .where('e.incident_id', '=', incidentId)
    .orderBy('e.id')
    .execute();

/**
 * The alarm account each incident was raised for, read from its 'received' event: that event is written
 * in the statement that opens the incident and is indexed by incident, where the alarm table is not.
 */
export async function alarmAccounts(trx: ReadDb, incidentIds: string[]): Promise<Map<string, string>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('incident_event')
    .select(['incident_id', sql<string | null>`details->>'account'`.as('account')])
    .where('incident_id', 'in', incidentIds)
    .where('type', '=', 'received')
    .execute();
  return new Map(rows.flatMap((r) => (r.account ? [[r.incident_id, r.account] as const] : [])));
}

export const visitReport = (trx: Trx, incidentId: string) => trx.selectFrom('visit_report').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

/** The closed-loop alerts raised for each incident (incidents/overdue.ts): how many, and the last one's time. */
export async function overdueAlerts(trx: ReadDb, incidentIds: string[]): Promise<Map<string, { count: number; lastAt: Date }>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('incident_event')
    .select(['incident_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.max('at').as('last_at')])
    .where('incident_id', 'in', incidentIds)
    .where('type', '=', 'overdue_alert')
    .groupBy('incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, { count: Number(r.n), lastAt: r.last_at }]));
}

export async function hasUnansweredReferral(trx: Trx, incidentId: string): Promise<boolean> {
  const row = await trx.selectFrom('gp_referral').select('id').where('incident_id', '=', incidentId).where('status', '=', 'sent').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * One client's incidents, newest first, as ids only (the FHIR Encounter search's candidates): each is
 * then opened through incidentDetail, which decides and audits as the REST read does.
 */
export async function clientIncidentIds(db: ReadDb, clientId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('incident').select('id').where('client_id', '=', clientId).orderBy('received_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}
