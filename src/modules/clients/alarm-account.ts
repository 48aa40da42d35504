import type { Transaction } from 'kysely';
import { authorizeClients, type AccessContext } from '../../platform/access/index.js';
import { appendAudit } from '../../platform/audit/index.js';
import type { Database } from '../../platform/db/index.js';

// What alarm intake needs of a client: which client an alarm is about, and where. Kept apart from the
// identification views and the store so the clients module's light door (index.light.ts) stays light.

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

/** The client's location for dispatch to a client chosen by hand (manual alarm, linking an unidentified alarm). */
export async function locateClient(trx: Transaction<Database>, ctx: AccessContext, clientId: string): Promise<LinkedClient | undefined> {
  const permit = (await authorizeClients(trx, ctx, [clientId], { level: 'identification', action: 'link_incident', resource: 'identification', fields: ['location'] })).get(clientId);
  if (!permit) return undefined;
  const row = await trx.selectFrom('client').select(['id', 'organisation_id', 'latitude', 'longitude']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
  return { clientId: row.id, organisationId: row.organisation_id, latitude: row.latitude, longitude: row.longitude };
}
