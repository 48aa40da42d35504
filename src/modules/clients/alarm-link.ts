import type { Transaction } from 'kysely';
import { authorizeClients, type AccessContext, type ClientPermit } from '../../platform/access/index.js';
import { appendAudit } from '../../platform/audit/index.js';
import type { Database, Executor } from '../../platform/db/index.js';
import { identificationRows } from './store.js';
import { identificationView } from './views.js';
import type { Identification } from './schemas.js';

export interface LinkedClient {
  clientId: string;
  organisationId: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The alarm receiver links an alarm account to its client: a machine action on the identification
 * index, audited under the receiver's name. Returns nothing for an unknown account.
 */
export async function linkAlarmAccount(trx: Transaction<Database>, allianceId: string, account: string, actorName: string): Promise<LinkedClient | undefined> {
  const row = await trx
    .selectFrom('client')
    .select(['id', 'organisation_id', 'latitude', 'longitude'])
    .where('alliance_id', '=', allianceId)
    .where('alarm_account', '=', account.toUpperCase())
    .executeTakeFirst();
  if (!row) return undefined;
  await appendAudit(trx, [
    {
      allianceId,
      userId: null,
      userName: actorName,
      organisationId: null,
      role: 'system',
      clientId: row.id,
      clientOrganisationId: row.organisation_id,
      action: 'link_alarm',
      resource: 'identification',
      fields: ['alarm_account', 'location'],
      purpose: 'nightcare',
      reason: null,
      grantId: null,
      outcome: 'allowed',
    },
  ]);
  return { clientId: row.id, organisationId: row.organisation_id, latitude: row.latitude, longitude: row.longitude };
}

/** Identification (name, birth date, address) of clients the caller may identify; each one audited. */
export async function identifyClients(trx: Transaction<Database>, ctx: AccessContext, clientIds: string[], purpose: string): Promise<Map<string, Identification>> {
  if (clientIds.length === 0) return new Map();
  const permits = await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'read', resource: 'identification', purpose });
  return identificationOf(trx, ctx, [...permits.values()]);
}

/**
 * Identification of clients whose access the caller has already checked and audited (a permit exists
 * only then), so a screen that reads more of the record writes one audit entry per client, not two.
 */
export async function identificationOf(trx: Transaction<Database>, ctx: AccessContext, permits: ClientPermit[]): Promise<Map<string, Identification>> {
  const rows = await identificationRows(trx, permits);
  return new Map(rows.map((r) => [r.id, identificationView(r, ctx)]));
}

/** The client's location for dispatch to a client chosen by hand (manual alarm, linking an unidentified alarm). */
export async function locateClient(trx: Transaction<Database>, ctx: AccessContext, clientId: string): Promise<LinkedClient | undefined> {
  const permit = (await authorizeClients(trx, ctx, [clientId], { level: 'identification', action: 'link_incident', resource: 'identification', fields: ['location'] })).get(clientId);
  if (!permit) return undefined;
  const row = await trx.selectFrom('client').select(['id', 'organisation_id', 'latitude', 'longitude']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
  return { clientId: row.id, organisationId: row.organisation_id, latitude: row.latitude, longitude: row.longitude };
}

/** The coordinates of a client the caller already holds a permit for (a planned visit is routed to them). */
export const permittedLocation = (executor: Executor, permit: ClientPermit) =>
  executor.selectFrom('client').select(['latitude', 'longitude']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
