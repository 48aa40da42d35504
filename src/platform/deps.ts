import type { SecretBox } from './crypto/index.js';
import type { Db } from './db/index.js';
import type { Mailer } from './mail/mailer.js';

/** What the platform hands every module: the database, the secret box for encrypted fields, the mailer. */
export interface PlatformDeps {
  db: Db;
  secretBox: SecretBox;
  /** Listen/notify connection string for live updates (the same database). */
  databaseUrl: string;
  /** Outgoing mail (platform/mail): SMTP, or the database outbox when none is configured. */
  mailer: Mailer;
}
