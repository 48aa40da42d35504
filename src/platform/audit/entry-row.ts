import type { Selectable } from 'kysely';
import type { AuditLogTable, Executor } from '../db/index.js';
import type { AuditKeys } from './audit-keys.js';
import { entryMac, legacyDigest, type ChainedFields } from './hash-chain.js';

export type AuditRow = Selectable<AuditLogTable>;

/** The chain is per alliance; entries outside any alliance share one chain keyed by the empty id. */
export const chainOf = (allianceId: string | null) => allianceId ?? '';

export const chainedFields = (row: AuditRow): ChainedFields => ({
  at: row.at,
  allianceId: row.alliance_id,
  userId: row.user_id,
  userName: row.user_name,
  organisationId: row.organisation_id,
  role: row.role,
  clientId: row.client_id,
  clientOrganisationId: row.client_organisation_id,
  action: row.action,
  resource: row.resource,
  fields: row.fields,
  purpose: row.purpose,
  reason: row.reason,
  grantId: row.grant_id,
  outcome: row.outcome,
});

/**
 * The MAC this row must have to be genuine, or undefined when it cannot be genuine: an entry without a
 * nonce written after keyed MACs began, or whose stored MAC differs from its content's.
 */
export function genuineMac(keys: AuditKeys, row: AuditRow, legacyMaxId: number): string | undefined {
  if (row.nonce === null) return row.id <= legacyMaxId && row.mac === null ? legacyDigest(row.id, chainedFields(row)) : undefined;
  const mac = entryMac(keys.entry, row.nonce, chainedFields(row));
  return mac === row.mac ? mac : undefined;
}

export async function legacyMaxId(db: Executor): Promise<number> {
  return (await db.selectFrom('audit_legacy_boundary').select('max_id').executeTakeFirst())?.max_id ?? 0;
}
