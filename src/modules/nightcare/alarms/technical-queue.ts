import { sql } from 'kysely';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, notFound } from '../../../platform/http/index.js';
import { identifyClients, locateClient } from '../../clients/index.js';
import { assertCoordinator, assertCoordinatorOf } from '../../nightteam/index.js';
import * as store from '../incidents/store.js';
import { notifyIncident } from '../live.js';
import { parseSilenceDetails } from './supervision/intervals.js';

/** Low-battery, test and restore signals, and sources gone silent: for the coordinator to follow up by day, never dispatched. */
export async function technicalAlarms(deps: PlatformDeps, ctx: AccessContext, allianceId: string) {
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const rows = await trx
      .selectFrom('alarm')
      .select(['id', 'account', 'reason', 'qualifier', 'event_code', 'client_id', 'received_at', 'source'])
      // Only a "device silent" alarm's raw text is read: it says who went quiet and since when.
      .select(sql<string | null>`CASE WHEN source = 'supervision' THEN raw END`.as('silence'))
      .where('alliance_id', '=', allianceId)
      .where('queue', '=', 'technical')
      .where('handled_at', 'is', null)
      .orderBy('received_at', 'desc')
      .limit(200)
      .execute();
    const identities = await identifyClients(trx, ctx, [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))], 'technical_alarm');
    return rows.map((r) => ({
      id: r.id,
      account: r.account,
      reason: r.reason,
      qualifier: r.qualifier,
      eventCode: r.event_code,
      source: r.source,
      receivedAt: r.received_at,
      client: r.client_id ? (identities.get(r.client_id) ?? null) : null,
      silence: parseSilenceDetails(r.silence),
    }));
  });
}

export async function markTechnicalHandled(deps: PlatformDeps, ctx: AccessContext, allianceId: string, alarmId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const result = await trx.updateTable('alarm').set({ handled_at: new Date() }).where('id', '=', alarmId).where('alliance_id', '=', allianceId).where('queue', '=', 'technical').where('handled_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Technical alarm');
    await notifyIncident(trx, { allianceId, incidentId: null, type: 'technical_handled' });
  });
}

/**
 * An unidentified alarm is linked by the coordinator to the client found in the identification index
 * (for instance after calling back); from then on it is dispatched like any other.
 */
export async function linkIncidentClient(deps: PlatformDeps, ctx: AccessContext, incidentId: string, clientId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await store.lockIncident(trx, incidentId);
    if (!incident || !ctx.allianceIds.includes(incident.alliance_id)) throw notFound('Incident');
    await assertCoordinatorOf(trx, ctx, incident);
    if (incident.client_id) throw conflict('This incident is already linked to a client');
    const client = await locateClient(trx, ctx, clientId);
    if (!client) throw notFound('Client');
    await trx
      .updateTable('incident')
      .set({ client_id: client.clientId, organisation_id: client.organisationId, latitude: client.latitude, longitude: client.longitude, version: incident.version + 1 })
      .where('id', '=', incidentId)
      .execute();
    await store.insertEvent(trx, { incidentId, type: 'client_linked', actorUserId: ctx.actorId, details: { clientId } });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'client_linked' });
  });
}
