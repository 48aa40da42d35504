import type { Transaction } from 'kysely';
import { authorizeClients, readClientsAudited, type AccessContext, type ClientPermit } from '../../platform/access/index.js';
import type { Database, Db, Executor } from '../../platform/db/index.js';
import { auditedIdentificationRows, identificationRows } from './store.js';
import { identificationView } from './views.js';
import type { Identification } from './schemas.js';

/** Identification (name, birth date, address) of clients the caller may identify; each one audited. */
export async function identifyClients(trx: Transaction<Database>, ctx: AccessContext, clientIds: string[], purpose: string): Promise<Map<string, Identification>> {
  if (clientIds.length === 0) return new Map();
  const permits = await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'read', resource: 'identification', purpose });
  return identificationOf(trx, ctx, [...permits.values()]);
}

/**
 * The same outside a transaction, for the busiest screens (the coordinator's board): the access facts
 * and then the audit entries with the rows, each statement shared with the other reads in flight,
 * instead of a transaction that holds a connection for five round trips.
 */
export const identifyClientsShared = (db: Db, ctx: AccessContext, clientIds: string[], purpose: string): Promise<Map<string, Identification>> =>
  readClientsAudited(db, ctx, clientIds, { level: 'identification', action: 'read', resource: 'identification', purpose }, auditedIdentificationRows, (row) => identificationView(row, ctx));

/**
 * Identification of clients whose access the caller has already checked and audited (a permit exists
 * only then), so a screen that reads more of the record writes one audit entry per client, not two.
 */
export async function identificationOf(trx: Transaction<Database>, ctx: AccessContext, permits: ClientPermit[]): Promise<Map<string, Identification>> {
  const rows = await identificationRows(trx, permits);
  return new Map(rows.map((r) => [r.id, identificationView(r, ctx)]));
}

/** The coordinates of a client the caller already holds a permit for (a planned visit is routed to them). */
export const permittedLocation = (executor: Executor, permit: ClientPermit) =>
  executor.selectFrom('client').select(['latitude', 'longitude']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
