import { appendAudit, type AuditEntry } from '../audit/index.js';
import { loopBatch, type Db } from '../db/index.js';
import { loadClientFacts, type AccessIo, type ClientFacts } from './client-access.js';

const perDatabase = new WeakMap<Db, AccessIo>();

/**
 * Access facts and audit entries of plain reads, shared with the other reads in flight: one facts
 * query and one audit INSERT per event-loop turn instead of one each per request. A read still waits
 * until its own audit entry is committed before anything of the client is read.
 */
export function batchedAccessIo(db: Db): AccessIo {
  const existing = perDatabase.get(db);
  if (existing) return existing;
  const factsOf = loopBatch(async (ids: readonly string[]) => {
    const facts = await loadClientFacts(db, [...new Set(ids)]);
    return ids.map((id) => facts.get(id));
  });
  const append = loopBatch(async (entries: readonly AuditEntry[]) => {
    await appendAudit(db, [...entries]);
    return entries.map(() => true);
  });
  const io: AccessIo = {
    clientFacts: async (ids) => new Map((await Promise.all(ids.map(factsOf))).filter((f): f is ClientFacts => f !== undefined).map((f) => [f.id, f])),
    appendAudit: async (entries) => {
      await Promise.all(entries.map(append));
    },
  };
  perDatabase.set(db, io);
  return io;
}
