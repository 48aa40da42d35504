import type { Transaction } from 'kysely';
import { authorizeClients, type AccessContext, type ClientPermit } from '../../platform/access/index.js';
import type { Database, Executor } from '../../platform/db/index.js';
import { identificationRows } from './store.js';
import { identificationView } from './views.js';
import type { Identification } from './schemas.js';

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

/** The coordinates of a client the caller already holds a permit for (a planned visit is routed to them). */
export const permittedLocation = (executor: Executor, permit: ClientPermit) =>
  executor.selectFrom('client').select(['latitude', 'longitude']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
