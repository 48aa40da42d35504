import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

type Circle = { id: string; alliance_id: string; organisation_id: string };

export interface MessageInsert {
  threadId: string | null;
  taskId: string | null;
  senderName: string;
  senderKind: 'staff' | 'citizen';
  senderId: string;
  body: string;
}

export async function insertMessage(executor: Executor, circle: Circle, message: MessageInsert): Promise<string> {
  const row = await executor
    .insertInto('circle_message')
    .values({
      circle_id: circle.id,
      alliance_id: circle.alliance_id,
      organisation_id: circle.organisation_id,
      thread_id: message.threadId,
      task_id: message.taskId,
      sender_name: message.senderName,
      sender_kind: message.senderKind,
      sender_id: message.senderId,
      body: message.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAttachment(executor: Executor, circle: Circle, messageId: string, file: { fileName: string; mediaType: string; content: Buffer }): Promise<void> {
  await executor
    .insertInto('circle_message_attachment')
    .values({ message_id: messageId, circle_id: circle.id, alliance_id: circle.alliance_id, organisation_id: circle.organisation_id, file_name: file.fileName, media_type: file.mediaType, size_bytes: file.content.length, content: file.content })
    .execute();
}

/** A thread's first message in this circle; a reply to anything else is refused as not found. */
export const threadStart = (executor: Executor, circleId: string, messageId: string) =>
  executor.selectFrom('circle_message').select(['id', 'thread_id']).where('circle_id', '=', circleId).where('id', '=', messageId).executeTakeFirst();

/** The circle's messages, oldest first, optionally only the threads about one task; attachments without their bytes. */
export async function circleMessages(executor: Executor, circleId: string, taskId?: string) {
  let query = executor
    .selectFrom('circle_message as m')
    .select(['m.id', 'm.thread_id', 'm.task_id', 'm.sender_name', 'm.sent_at', 'm.body'])
    .where('m.circle_id', '=', circleId)
    .orderBy('m.sent_at')
    .orderBy('m.id');
  if (taskId) {
    query = query.where((eb) => eb.or([eb('m.task_id', '=', taskId), eb('m.thread_id', 'in', eb.selectFrom('circle_message').select('id').where('circle_id', '=', circleId).where('task_id', '=', taskId))]));
  }
  const messages = await query.execute();
  const attachments =
    messages.length === 0
      ? []
      : await executor
          .selectFrom('circle_message_attachment')
          .select(['id', 'message_id', 'file_name', 'media_type', 'size_bytes'])
          .where('message_id', 'in', messages.map((m) => m.id))
          .orderBy('file_name')
          .execute();
  return { messages, attachments };
}

export const attachment = (executor: Executor, circleId: string, messageId: string, attachmentId: string) =>
  executor
    .selectFrom('circle_message_attachment')
    .select(['file_name', 'media_type', 'content'])
    .where('circle_id', '=', circleId)
    .where('message_id', '=', messageId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();

export interface Recipient {
  citizen_id: string;
  email: string;
  name: string;
  language: 'nl' | 'en' | 'da';
}

/**
 * Who hears of a new message: the person or representative running the circle, and each citizen member
 * whose consent names the messages now; staff read them in the app. The sender is left out.
 */
export async function messageRecipients(executor: Executor, circle: Circle & { client_id: string }, senderId: string): Promise<Recipient[]> {
  const { rows } = await sql<Recipient>`
    SELECT DISTINCT c.id AS citizen_id, c.email, c.name, c.language FROM citizen c
    WHERE c.id <> ${senderId}::uuid AND (
      EXISTS (SELECT 1 FROM client_citizen_link l WHERE l.citizen_id = c.id AND l.client_id = ${circle.client_id}::uuid AND l.ended_at IS NULL)
      OR EXISTS (
        SELECT 1 FROM circle_member m JOIN client_consent cc ON cc.grantee_citizen_id = m.citizen_id AND cc.client_id = ${circle.client_id}::uuid
        WHERE m.circle_id = ${circle.id}::uuid AND m.citizen_id = c.id AND m.removed_at IS NULL
          AND cc.withdrawn_at IS NULL AND (cc.ends_at IS NULL OR cc.ends_at > now()) AND 'circle_messages' = ANY(cc.levels)))`.execute(executor);
  return rows;
}
