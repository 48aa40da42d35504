import type { SecretBox } from './crypto/index.js';
import type { Db } from './db/index.js';

/** What the platform hands every module: the database and the secret box for encrypted fields. */
export interface PlatformDeps {
  db: Db;
  secretBox: SecretBox;
  /** Listen/notify connection string for live updates (the same database). */
  databaseUrl: string;
  /** Web Push (VAPID) settings; unset, the subject defaults and the key pair is made once and kept in the database. */
  push?: { subject?: string; keys?: { publicKey: string; privateKey: string } };
}
