import { appendAudit, withAuditEntries, type AuditEntry, type AuditWritingCreator } from '../audit/index.js';
import { loopBatch, type Db } from '../db/index.js';
import { notFound } from '../http/index.light.js';
import { batchedAccessIo } from './batched-access-io.js';
import { authorizeClients, type AccessRequest, type ClientPermit } from './client-access.js';
import type { AccessContext } from './context.js';

/** A store's statement for the rows of some clients, built on the creator it is given, which writes the audit entries first. */
export type ClientRowsQuery<Row extends { id: string }> = (creator: AuditWritingCreator, clientIds: string[]) => { execute(): Promise<Row[]> };

interface Asked {
  entry: AuditEntry;
  /** The client whose row to return: set only when the entry allows it. */
  read: string | null;
}

const readers = new WeakMap<Db, WeakMap<ClientRowsQuery<{ id: string }>, (asked: Asked) => Promise<unknown>>>();

/**
 * The audit entries of the reads in flight and the rows they allow, in one statement per event-loop
 * turn: the entries' INSERT is a WITH of the rows' SELECT, so the statement's commit covers both and
 * no row reaches a caller before its entry is committed. A turn with nothing allowed only writes.
 */
function auditedReader<Row extends { id: string }>(db: Db, rows: ClientRowsQuery<Row>): (asked: Asked) => Promise<Row | undefined> {
  const perQuery = readers.get(db) ?? new WeakMap();
  readers.set(db, perQuery);
  const existing = perQuery.get(rows);
  if (existing) return existing as (asked: Asked) => Promise<Row | undefined>;
  const reader = loopBatch(async (asked: readonly Asked[]) => {
    const entries = asked.map((a) => a.entry);
    const ids = [...new Set(asked.flatMap((a) => (a.read ? [a.read] : [])))];
    if (ids.length === 0) {
      await appendAudit(db, entries);
      return asked.map(() => undefined);
    }
    const byId = new Map((await rows(withAuditEntries(db, entries), ids).execute()).map((row) => [row.id, row]));
    return asked.map((a) => (a.read ? byId.get(a.read) : undefined));
  });
  perQuery.set(rows, reader);
  return reader;
}

/**
 * Reads the rows of the clients the caller may see, after checking access, in two statements shared
 * with the other reads in flight: the clients' access facts, then the audit entries written in the
 * statement that returns the rows (see auditedReader). The same decisions and entries as
 * authorizeClients in a transaction; a refused client keeps its entry and is left out, as is one
 * removed between its check and its read.
 */
export async function readClientsAudited<Row extends { id: string }, T>(
  db: Db,
  ctx: AccessContext,
  clientIds: string[],
  request: AccessRequest,
  rows: ClientRowsQuery<Row>,
  view: (row: Row, permit: ClientPermit) => T,
): Promise<Map<string, T>> {
  if (clientIds.length === 0) return new Map();
  const reader = auditedReader(db, rows);
  const batched = batchedAccessIo(db);
  const found = new Map<string, Row>();
  const io = {
    clientFacts: (ids: string[]) => batched.clientFacts(ids),
    appendAudit: async (entries: AuditEntry[]) => {
      // One entry per client asked; its outcome is the decision just made.
      const answers = await Promise.all(entries.map((entry) => reader({ entry, read: entry.outcome === 'allowed' ? entry.clientId : null })));
      for (const row of answers) if (row) found.set(row.id, row);
    },
  };
  const views = new Map<string, T>();
  for (const [clientId, permit] of await authorizeClients(db, ctx, clientIds, request, io)) {
    const row = found.get(clientId);
    if (row) views.set(clientId, view(row, permit));
  }
  return views;
}

/**
 * One client's row, read as readClientsAudited reads many. A refusal answers "not found", so it never
 * tells whether the client exists.
 */
export async function readClientAudited<Row extends { id: string }, T>(
  db: Db,
  ctx: AccessContext,
  clientId: string,
  request: AccessRequest,
  rows: ClientRowsQuery<Row>,
  view: (row: Row, permit: ClientPermit) => T,
): Promise<T> {
  const found = (await readClientsAudited(db, ctx, [clientId], request, rows, view)).get(clientId);
  if (found === undefined) throw notFound('Client');
  return found;
}
