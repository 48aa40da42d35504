import { authorizeClients, type AccessContext, type ClientPermit } from '../../../platform/access/index.js';
import type { Db } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { identificationOf, identifyClientsShared, type Identification } from '../../clients/index.js';
import { assertCoordinator, assertCoordinatorOf, inCallersAlliance } from '../../nightteam/index.js';
import * as store from './store.js';
import { nightNorms, type ResponseNorms } from '../kpi/norms.js';
import { responseDeadline } from './triage.js';
import { alarmHistory } from './alarm-history.js';

export interface IncidentView {
  id: string;
  status: string;
  reason: string;
  urgency: string | null;
  triageNote: string | null;
  receivedAt: Date;
  /** When the alarm centre says it happened, as reported; null for DC-09 and manual alarms or when not given. */
  occurredAt: Date | null;
  onSiteAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  latitude: number | null;
  longitude: number | null;
  assignedUserId: string | null;
  offerExpiresAt: Date | null;
  organisationId: string | null;
  /** Name and address when the caller may identify the client; null for an unidentified alarm or when refused. */
  client: Identification | null;
  unidentified: boolean;
  /** The alarm device's account while the incident is unidentified: what the coordinator links by. */
  alarmAccount: string | null;
  /** When a nurse must be on site by the urgency's response time; null untriaged or for U5. */
  deadlineAt: Date | null;
  /** Closed-loop alerts raised because nobody was on site by the deadline (0, 1 or 2), and the last one's time. */
  overdueAlerts: number;
  overdueAlertAt: Date | null;
}

function toView(row: store.ShownIncidentRow, identities: Map<string, Identification>, norms: Map<string, ResponseNorms>): IncidentView {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    urgency: row.urgency,
    triageNote: row.triage_note,
    receivedAt: row.received_at,
    occurredAt: row.occurred_at,
    onSiteAt: row.on_site_at,
    closedAt: row.closed_at,
    outcome: row.outcome,
    latitude: row.latitude,
    longitude: row.longitude,
    assignedUserId: row.assigned_user_id,
    offerExpiresAt: row.offer_expires_at,
    organisationId: row.organisation_id,
    client: row.client_id ? (identities.get(row.client_id) ?? null) : null,
    unidentified: row.client_id === null,
    // Only while unidentified (the store reads it only then): once linked, the account would only repeat who the client is.
    alarmAccount: row.alarm_account ?? null,
    deadlineAt: responseDeadline(row.received_at, row.urgency, norms.get(row.alliance_id)),
    overdueAlerts: Number(row.overdue_alerts ?? 0),
    overdueAlertAt: row.overdue_alert_at ?? null,
  };
}

/**
 * The rows as the board shows them (each read with its alarm account and alerts, see the store). The
 * identification (an access decision and its audit entry, then the read) goes out in statements
 * shared with the other reads in flight, no transaction. No request holds a connection while it waits
 * for another: under load, requests that each held a transaction's connection and waited for a second
 * one took the whole pool and stalled every request until the pool's wait ran out (bench:load, 350
 * requests/s and up).
 */
async function withIdentities(db: Db, ctx: AccessContext, rows: store.ShownIncidentRow[], known: Map<string, ResponseNorms> = new Map()): Promise<IncidentView[]> {
  const clientIds = [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))];
  const missingNorms = [...new Set(rows.map((r) => r.alliance_id))].filter((id) => !known.has(id));
  const [identities, norms] = await Promise.all([
    identifyClientsShared(db, ctx, clientIds, 'nightcare'),
    // The deadlines follow each alliance's own norms, as the KPIs and the closed-loop alert do.
    Promise.all(missingNorms.map(async (id) => [id, (await nightNorms(db, id)).norms] as const)).then((pairs) => new Map([...known, ...pairs])),
  ]);
  return rows.map((r) => toView(r, identities, norms));
}

/** The coordinator's board: open incidents and those closed in the last twelve hours. */
export async function boardIncidents(deps: PlatformDeps, ctx: AccessContext, allianceId: string): Promise<IncidentView[]> {
  const closedSince = new Date(Date.now() - 12 * 3600_000);
  // The board is the most frequent request: the coordinator check, the board's lists and the
  // alliance's norms go out together, each on a connection of its own (a replica's for the lists),
  // instead of one after the other. A refused check drops the lists unseen; clients are identified
  // only after their access decision and audit entry, on the primary, below.
  const [, open, closed, norms] = await Promise.all([
    assertCoordinator(deps.db, ctx, allianceId),
    store.openIncidents(deps.readDb, [allianceId]),
    store.recentClosed(deps.readDb, [allianceId], closedSince),
    nightNorms(deps.db, allianceId),
  ]);
  return withIdentities(deps.db, ctx, [...open, ...closed], new Map([[allianceId, norms.norms]]));
}

/** A nurse's own incidents: the open ones offered to or accepted by them. */
export async function myIncidents(deps: PlatformDeps, ctx: AccessContext): Promise<IncidentView[]> {
  if (ctx.actorKind !== 'user') return [];
  return withIdentities(deps.db, ctx, await store.openIncidents(deps.db, ctx.allianceIds, ctx.actorId));
}

export async function incidentDetail(deps: PlatformDeps, ctx: AccessContext, incidentId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = inCallersAlliance(ctx, await store.findShownIncident(trx, incidentId));
    const isAssignee = ctx.actorKind === 'user' && row.assigned_user_id === ctx.actorId;
    if (!isAssignee) await assertCoordinatorOf(trx, ctx, row);
    const [events, report] = await Promise.all([store.incidentEvents(trx, incidentId), store.visitReport(trx, incidentId)]);
    // One audit entry names everything this screen shows of the client: who they are and the visit report.
    // The client's earlier alarms are for the coordinator, who links and triages; the nurse gets the visit.
    const withHistory = !isAssignee;
    const fields = ['identification', ...(report ? ['visit_report'] : []), ...(withHistory ? ['alarm_history'] : [])];
    const permits = row.client_id ? await authorizeClients(trx, ctx, [row.client_id], { level: 'identification', action: 'read', resource: 'incident', fields, purpose: 'nightcare' }) : new Map<string, ClientPermit>();
    const history = withHistory && row.client_id && permits.has(row.client_id) ? await alarmHistory(trx, row) : null;
    const norms = new Map([[row.alliance_id, (await nightNorms(trx, row.alliance_id)).norms]]);
    const view = toView(row, await identificationOf(trx, ctx, [...permits.values()]), norms);
    return {
      incident: view,
      events: events.map((e) => ({ id: e.id, at: e.at, type: e.type, fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name, details: e.details })),
      report: report
        ? { actions: report.actions, minutesOnSite: report.minutes_on_site, minutesComputed: report.minutes_computed, minutesCorrectionReason: report.minutes_correction_reason, followUpNeeded: report.follow_up_needed, followUp: report.follow_up, notes: report.notes, writtenAt: report.written_at }
        : null,
      alarmHistory: history,
    };
  });
}

export type IncidentDetail = Awaited<ReturnType<typeof incidentDetail>>;
