import { createHash } from 'node:crypto';

/** The fields of an audit row that the hash covers, in a fixed order. */
export interface ChainedFields {
  at: Date;
  allianceId: string | null;
  userId: string | null;
  userName: string | null;
  organisationId: string | null;
  role: string | null;
  clientId: string | null;
  clientOrganisationId: string | null;
  action: string;
  resource: string;
  fields: string[];
  purpose: string | null;
  reason: string | null;
  grantId: string | null;
  outcome: 'allowed' | 'refused';
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash ‖ canonical row): changing, removing or reordering a row breaks every later hash. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.at.toISOString(),
    row.allianceId,
    row.userId,
    row.userName,
    row.organisationId,
    row.role,
    row.clientId,
    row.clientOrganisationId,
    row.action,
    row.resource,
    row.fields,
    row.purpose,
    row.reason,
    row.grantId,
    row.outcome,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
