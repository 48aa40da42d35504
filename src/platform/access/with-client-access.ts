import type { Db, Executor } from '../db/index.js';
import { notFound } from '../http/index.js';
import { authorizeClients, type AccessRequest, type ClientAccessLevel, type ClientPermit } from './client-access.js';
import type { AccessContext } from './context.js';

/** Levels that only read: the audit entry is written before anything is read, so no read escapes the log. */
const READ_LEVELS: ReadonlySet<ClientAccessLevel> = new Set(['identification', 'night_summary', 'key_safe', 'record', 'audit_trail']);

/**
 * Runs `work` on one client after checking access and writing the audit entry. A change runs in one
 * transaction with its entry; a read runs on one connection without BEGIN/COMMIT (two round trips fewer
 * on the hottest path). A refusal keeps its audit entry and then answers "not found", so it never tells
 * whether the client exists.
 */
export async function withClientAccess<T>(
  db: Db,
  ctx: AccessContext,
  clientId: string,
  request: AccessRequest,
  work: (executor: Executor, permit: ClientPermit) => Promise<T>,
): Promise<T> {
  const run = async (executor: Executor) => {
    const permit = (await authorizeClients(executor, ctx, [clientId], request)).get(clientId);
    return permit ? { value: await work(executor, permit) } : undefined;
  };
  const outcome = READ_LEVELS.has(request.level) ? await db.connection().execute(run) : await db.transaction().execute(run);
  if (!outcome) throw notFound('Client');
  return outcome.value;
}
