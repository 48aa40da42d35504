import { randomBytes } from 'node:crypto';
import type { QueryCreator } from 'kysely';
import type { Database, Executor } from '../db/index.js';
import { auditKeysOf } from './audit-keys.js';
import { entryMac, type ChainedFields } from './hash-chain.js';
import type { AuditAction, AuditResource } from './vocabulary.js';

/** An entry to write: the chained fields, with the action and resource from the closed vocabulary. */
export type AuditEntry = Omit<ChainedFields, 'at' | 'action' | 'resource'> & { action: AuditAction; resource: AuditResource };

/**
 * Writes entries in the transaction of the access or change they record, so no access escapes the
 * log: they commit or roll back together. Each carries its MAC from the start, so the sealer can tell
 * them from rows inserted by anyone without the key; no lock is taken here, the sealer chains them.
 */
export async function appendAudit(trx: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await trx.insertInto('audit_log').values(auditRows(trx, entries)).execute();
}

/**
 * `trx` with the entries' INSERT as a data-modifying WITH, for a read whose rows come back from the
 * statement that writes its entries: one statement, so the entries commit with it (an implicit
 * transaction) and the rows reach the caller only after that commit; if the INSERT fails, no row does.
 */
export const withAuditEntries = (trx: Executor, entries: AuditEntry[]): AuditWritingCreator =>
  // The WITH's name adds a table the SELECT after it never reads; the creator is the schema's own otherwise.
  trx.with('audit_entries_written', (q) => q.insertInto('audit_log').values(auditRows(trx, entries))) as unknown as AuditWritingCreator;

declare const writesAudit: unique symbol;

/** A query creator whose statement writes audit entries first: only withAuditEntries makes one, so a store's read built on it cannot run unaudited. */
export type AuditWritingCreator = QueryCreator<Database> & { readonly [writesAudit]: true };

function auditRows(trx: Executor, entries: AuditEntry[]) {
  const keys = auditKeysOf(trx);
  const at = new Date();
  return entries.map((e) => {
    const nonce = randomBytes(16).toString('base64url');
    return {
      at,
      alliance_id: e.allianceId,
      user_id: e.userId,
      user_name: e.userName,
      organisation_id: e.organisationId,
      role: e.role,
      client_id: e.clientId,
      client_organisation_id: e.clientOrganisationId,
      action: e.action,
      resource: e.resource,
      fields: e.fields,
      purpose: e.purpose,
      reason: e.reason,
      grant_id: e.grantId,
      outcome: e.outcome,
      nonce,
      mac: entryMac(keys.entry, nonce, { ...e, at }),
    };
  });
}
