import type { SecretBox } from './crypto/index.js';
import type { Db, ReadDb } from './db/index.js';
import type { Mailer } from './mail/mailer.js';

/** What the platform hands every module: the database, the secret box for encrypted fields, the mailer. */
export interface PlatformDeps {
  /** The primary: writes, transactions and reads that must see a write just made (README, "Read replica"). */
  db: Db;
  /** Selects that tolerate replication lag; a replica when DATABASE_READ_URL is set, else the primary. */
  readDb: ReadDb;
  secretBox: SecretBox;
  /** Listen/notify connection string for live updates: always the primary (a replica cannot LISTEN). */
  databaseUrl: string;
  /** Outgoing mail (platform/mail): SMTP, or the database outbox when none is configured. */
  mailer: Mailer;
  /** Web Push (VAPID) settings; unset, the subject defaults and the key pair is made once and kept in the database. */
  push?: { subject?: string; keys?: { publicKey: string; privateKey: string } };
}
