import type { SecretBox } from './crypto/index.js';
import type { Db, ReadDb } from './db/index.js';

/** What the platform hands every module: the database and the secret box for encrypted fields. */
export interface PlatformDeps {
  /** The primary: writes, transactions and reads that must see a write just made (README, "Read replica"). */
  db: Db;
  /** Selects that tolerate replication lag; a replica when DATABASE_READ_URL is set, else the primary. */
  readDb: ReadDb;
  secretBox: SecretBox;
  /** Listen/notify connection string for live updates: always the primary (a replica cannot LISTEN). */
  databaseUrl: string;
}
