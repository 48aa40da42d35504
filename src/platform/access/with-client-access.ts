import type { Db, Executor } from '../db/index.js';
import { notFound } from '../http/index.light.js';
import { batchedAccessIo } from './batched-access-io.js';
import { authorizeClients, type AccessRequest, type ClientAccessLevel, type ClientPermit } from './client-access.js';
import type { AccessContext } from './context.js';

/** Levels that only read: the audit entry is written before anything is read, so no read escapes the log. */
const READ_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['identification', 'night_summary', 'key_safe', 'record', 'audit_trail', 'respite_needs', 'circle_plan', 'circle_tasks', 'circle_messages', 'circle_contacts']);

/**
 * Runs `work` on one client after checking access and writing the audit entry. A change runs in one
 * transaction with its entry. A read commits its entry first, batched with the other reads in flight
 * (the hottest path: a round trip costs more than the statement), and only then reads. A refusal keeps
 * its audit entry and then answers "not found", so it never tells whether the client exists.
 */
export async function withClientAccess<T>(
  db: Db,
  ctx: AccessContext,
  clientId: string,
  request: AccessRequest,
  work: (executor: Executor, permit: ClientPermit) => Promise<T>,
): Promise<T> {
  if (READ_LEVELS.has(request.level) && !request.change) {
    const permit = (await authorizeClients(db, ctx, [clientId], request, batchedAccessIo(db))).get(clientId);
    if (!permit) throw notFound('Client');
    return work(db, permit);
  }
  const outcome = await db.transaction().execute(async (trx) => {
    const permit = (await authorizeClients(trx, ctx, [clientId], request)).get(clientId);
    return permit ? { value: await work(trx, permit) } : undefined;
  });
  if (!outcome) throw notFound('Client');
  return outcome.value;
}
