import type { Db } from '../db/index.js';

export interface OutboxEntry {
  id: string;
  recipient: string;
  template: string;
  language: string;
  subject: string;
  bodyText: string;
  transport: 'smtp' | 'outbox';
  status: 'queued' | 'sent' | 'failed' | 'stored';
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The alliance's most recent mail, newest first. */
export async function listOutbox(db: Db, allianceId: string, limit: number): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'template', 'language', 'subject', 'body_text', 'transport', 'status', 'error', 'created_at', 'sent_at'])
    .where('alliance_id', '=', allianceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient,
    template: r.template,
    language: r.language,
    subject: r.subject,
    bodyText: r.body_text,
    transport: r.transport,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
