import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/index.js';
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
  const keys = auditKeysOf(trx);
  const at = new Date();
  await trx
    .insertInto('audit_log')
    .values(
      entries.map((e) => {
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
      }),
    )
    .execute();
}
