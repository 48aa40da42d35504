import { randomBytes } from 'node:crypto';
import { sql, type QueryCreator } from 'kysely';
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
  await insertEntries(trx, trx, entries).execute();
}

/**
 * `trx` with the entries' INSERT as a data-modifying WITH, for a read whose rows come back from the
 * statement that writes its entries: one statement, so the entries commit with it (an implicit
 * transaction) and the rows reach the caller only after that commit; if the INSERT fails, no row does.
 */
export const withAuditEntries = (trx: Executor, entries: AuditEntry[]): AuditWritingCreator =>
  // The WITH's name adds a table the SELECT after it never reads; the creator is the schema's own otherwise.
  trx.with('audit_entries_written', (q) => insertEntries(q, trx, entries)) as unknown as AuditWritingCreator;

declare const writesAudit: unique symbol;

/** A query creator whose statement writes audit entries first: only withAuditEntries makes one, so a store's read built on it cannot run unaudited. */
export type AuditWritingCreator = QueryCreator<Database> & { readonly [writesAudit]: true };

/**
 * The entries as one INSERT from one array per column: the same statement text and 17 parameters
 * whatever their number, so it is prepared once per connection, where a row of values per entry made
 * a new text per count and ran past the parameter limit of a prepared statement (a search that shows
 * 50 clients writes 50 entries). `fields` goes as one JSON array per entry, since unnest would
 * flatten an array of arrays; the MAC is computed over the entries as given.
 */
function insertEntries(creator: QueryCreator<Database>, trx: Executor, entries: AuditEntry[]) {
  const keys = auditKeysOf(trx);
  const at = new Date();
  const random = randomBytes(16 * entries.length);
  const nonces = entries.map((_, i) => random.subarray(16 * i, 16 * (i + 1)).toString('base64url'));
  // Object.assign rather than a spread with `at` added: V8 builds such a literal a property at a time.
  const macs = entries.map((e, i) => entryMac(keys.entry, nonces[i]!, Object.assign({ at }, e)));
  const column = <K extends keyof AuditEntry>(key: K) => entries.map((e) => e[key]);
  return creator
    .insertInto('audit_log')
    .columns(['at', 'alliance_id', 'user_id', 'user_name', 'organisation_id', 'role', 'client_id', 'client_organisation_id', 'action', 'resource', 'fields', 'purpose', 'reason', 'grant_id', 'outcome', 'nonce', 'mac'])
    .expression(
      sql`SELECT ${at}::timestamptz, e.alliance_id, e.user_id, e.user_name, e.organisation_id, e.role, e.client_id, e.client_organisation_id, e.action, e.resource,
          ARRAY(SELECT f.field FROM jsonb_array_elements_text(e.fields) WITH ORDINALITY AS f(field, n) ORDER BY f.n), e.purpose, e.reason, e.grant_id, e.outcome, e.nonce, e.mac
        FROM unnest(${column('allianceId')}::uuid[], ${column('userId')}::uuid[], ${column('userName')}::text[], ${column('organisationId')}::uuid[], ${column('role')}::text[],
          ${column('clientId')}::uuid[], ${column('clientOrganisationId')}::uuid[], ${column('action')}::text[], ${column('resource')}::text[],
          ${entries.map((e) => JSON.stringify(e.fields))}::jsonb[], ${column('purpose')}::text[], ${column('reason')}::text[], ${column('grantId')}::uuid[],
          ${column('outcome')}::text[], ${nonces}::text[], ${macs}::text[])
          AS e(alliance_id, user_id, user_name, organisation_id, role, client_id, client_organisation_id, action, resource, fields, purpose, reason, grant_id, outcome, nonce, mac)`,
    );
}
