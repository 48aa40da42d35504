import type { SecretBox } from '../crypto/index.js';

/** Keys of the audit log, derived from SECRET_KEY (HKDF); the database never sees them. */
export interface AuditKeys {
  /** MACs each entry at insert time, so only the key holder can write an entry that will be sealed. */
  entry: Buffer;
  /** Links sealed entries into their alliance's chain. */
  chain: Buffer;
  /** Signs the checkpoints that anchor the chain heads outside the database. */
  checkpoint: Buffer;
}

export const auditKeysFrom = (secretBox: SecretBox): AuditKeys => ({
  entry: secretBox.subKey('audit-entry-v1'),
  chain: secretBox.subKey('audit-chain-v1'),
  checkpoint: secretBox.subKey('audit-checkpoint-v1'),
});

let installed: AuditKeys | undefined;

/**
 * Entries are written from dozens of places that hold only a transaction, so the key is process
 * configuration, installed once by buildApp from the app's SecretBox (like the pg type parsers),
 * rather than threaded through every call that may write an entry.
 */
export function useAuditKeys(keys: AuditKeys): void {
  installed = keys;
}

export function installedAuditKeys(): AuditKeys {
  if (!installed) throw new Error('No audit keys installed: buildApp (or useAuditKeys) must run before audit entries are written');
  return installed;
}
