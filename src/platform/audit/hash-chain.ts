import { createHash, createHmac } from 'node:crypto';

/** The fields of an audit row that its MAC covers, in a fixed order. */
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

const canonical = (row: ChainedFields) =>
  JSON.stringify([
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

/** The entry's MAC: without the key nobody can write an entry, or change one, that the sealer accepts. */
export const entryMac = (key: Buffer, nonce: string, row: ChainedFields): string => createHmac('sha256', key).update(nonce).update('\n').update(canonical(row)).digest('hex');

/** Entries from before keyed MACs (migration 0008) are identified by id and content; the chain hash then keys them. */
export const legacyDigest = (id: number, row: ChainedFields): string => createHash('sha256').update(`legacy ${id}\n`).update(canonical(row)).digest('hex');

/** hash = HMAC(prev ‖ chain ‖ entry MAC): without the key, a changed, removed or inserted link cannot be re-hashed to fit. */
export const chainHash = (key: Buffer, prevHash: string, chain: string, rowMac: string): string => createHmac('sha256', key).update(`${prevHash}\n${chain}\n${rowMac}`).digest('hex');
