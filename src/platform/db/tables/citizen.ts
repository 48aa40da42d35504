/** Platform mail and citizen sign-in (migration 0018). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './column-types.js';

export interface OutboxTable {
  id: Generated<string>;
  alliance_id: string;
  recipient: string;
  template: string;
  language: 'nl' | 'en' | 'da';
  subject: string;
  body_text: string;
  body_html: string;
  transport: 'smtp' | 'outbox';
  status: 'queued' | 'sent' | 'failed' | 'stored';
  error: string | null;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CitizenTable {
  id: Generated<string>;
  alliance_id: string;
  email: string;
  name: string;
  language: Generated<'nl' | 'en' | 'da'>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  created_at: CreatedAt;
}

export interface CitizenSignInLinkTable {
  token_hash: string;
  citizen_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  totp_failures: Generated<number>;
}

export interface CitizenSessionTable {
  token_hash: string;
  citizen_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface CitizenSignInRequestTable {
  key: string;
  at: Generated<Date>;
}
