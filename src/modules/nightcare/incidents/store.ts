import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Executor, ReadDb } from '../../../platform/db/index.js';
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

/**
 * What a board row shows besides the incident, as subqueries of the statement that reads it (one
 * statement per list, not three): the alarm account while the incident is unidentified, read from
 * its 'received' event (written in the statement that opens the incident and indexed by incident,
 * where the alarm table is not); and while it is open, the closed-loop alerts raised for it
 * (incidents/overdue.ts), how many and the last one's time.
 */
const shown = (eb: ExpressionBuilder<Database, 'incident'>) => {
  const events = (type: IncidentEventType) => eb.selectFrom('incident_event as e').whereRef('e.incident_id', '=', 'incident.id').where('e.type', '=', type);
  return [
    events('received').select(sql<string | null>`e.details->>'account'`.as('account')).where('incident.client_id', 'is', null).limit(1).as('alarm_account'),
    events('overdue_alert').select((inner) => inner.fn.countAll<string>().as('n')).where('incident.closed_at', 'is', null).as('overdue_alerts'),
    events('overdue_alert').select((inner) => inner.fn.max('e.at').as('at')).where('incident.closed_at', 'is', null).as('overdue_alert_at'),
  ];
};

export const findShownIncident = (executor: Trx, id: string) => executor.selectFrom('incident').selectAll('incident').select(shown).where('id', '=', id).executeTakeFirst();

export type ShownIncidentRow = NonNullable<Awaited<ReturnType<typeof findShownIncident>>>;

export const openIncidents = (trx: ReadDb, allianceIds: string[], assignedTo?: string): Promise<ShownIncidentRow[]> => {
  let query = trx.selectFrom('incident').selectAll('incident').select(shown).where('alliance_id', 'in', allianceIds).where('closed_at', 'is', null);
  if (assignedTo) query = query.where('assigned_user_id', '=', assignedTo);
  return query.orderBy('received_at').limit(500).execute();
};

export const recentClosed = (trx: ReadDb, allianceIds: string[], since: Date): Promise<ShownIncidentRow[]> =>
  trx.selectFrom('incident').selectAll('incident').select(shown).where('alliance_id', 'in', allianceIds).where('closed_at', '>=', since).orderBy('closed_at', 'desc').limit(200).execute();

export const incidentEvents = (trx: Trx, incidentId: string) =>
  trx
    .selectFrom('incident_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.type', 'e.from_status', 'e.to_status', 'e.details', 'u.name as actor_name'])
    .where('e.incident_id', '=', incidentId)
    .orderBy('e.id')
    .execute();

export const visitReport = (trx: Trx, incidentId: string) => trx.selectFrom('visit_report').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

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
