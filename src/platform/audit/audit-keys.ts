import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { SecretBox } from '../crypto/index.js';
import type { Executor, PrimaryDb } from '../db/index.js';

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

/** Rides on a database handle (and every transaction opened from it) so entries are MACed with its app's key. */
class AuditKeysCarrier implements KyselyPlugin {
  constructor(readonly keys: AuditKeys) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const carrierOf = (executor: Executor) => executor.getExecutor().plugins.find((p): p is AuditKeysCarrier => p instanceof AuditKeysCarrier);

/**
 * Entries are written from dozens of places that hold only a transaction, so the key travels with the
 * database handle rather than through every call: buildApp (and the scripts, benchmarks and tests that
 * write entries without it) hand out the primary's handle with its app's keys attached. Two apps in one
 * process (tests, a second instance) each keep their own key; a handle without keys cannot write an entry.
 */
export function withAuditKeys(db: PrimaryDb, keys: AuditKeys): PrimaryDb {
  const carried = carrierOf(db);
  if (carried && carried.keys.entry.equals(keys.entry)) return db;
  if (carried) throw new Error('This database handle already carries other audit keys');
  return db.withPlugin(new AuditKeysCarrier(keys));
}

export function auditKeysOf(executor: Executor): AuditKeys {
  const carrier = carrierOf(executor);
  if (!carrier) throw new Error('This database handle carries no audit keys: take it from buildApp, or wrap it with withAuditKeys, before writing audit entries');
  return carrier.keys;
}
