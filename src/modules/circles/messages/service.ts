import { withClientAccess, type AccessRequest } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid, notFound, type FieldError } from '../../../platform/http/index.js';
import { personName } from '../../clients/index.js';
import type { CircleActor } from '../actor.js';
import { circlePage, requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import type { MessageBody } from '../schemas.js';
import type { CircleSettings } from '../settings.js';
import { oneTask } from '../tasks/store.js';
import { sniffAttachment } from './sniff.js';
import * as store from './store.js';

const read: AccessRequest = { level: 'circle_messages', action: 'read', resource: 'circle_message', sharingPurpose: 'care_network' };

interface CheckedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** Each attachment within the size limit and of an allowed type by its bytes; every problem named, none stored. */
function checkAttachments(files: MessageBody['attachments'], settings: CircleSettings): CheckedFile[] {
  const problems: FieldError[] = [];
  if (files.length > settings.attachmentsPerMessage) problems.push({ path: 'attachments', code: 'too_many', message: `At most ${settings.attachmentsPerMessage} attachments` });
  const checked = files.map((file, i) => {
    const content = Buffer.from(file.contentBase64, 'base64');
    if (content.length === 0) problems.push({ path: `attachments.${i}`, code: 'empty', message: 'The file is empty' });
    if (content.length > settings.attachmentMaxBytes) problems.push({ path: `attachments.${i}`, code: 'too_large', message: `Larger than ${settings.attachmentMaxBytes} bytes` });
    const sniffed = sniffAttachment(file.fileName, content, settings.attachmentTypes);
    if (!sniffed.ok) problems.push({ path: `attachments.${i}`, code: sniffed.reason, message: sniffed.reason === 'type_not_allowed' ? 'This kind of file is not allowed' : 'The file is not what its name says' });
    return { fileName: file.fileName, mediaType: sniffed.ok ? sniffed.mediaType : '', content };
  });
  if (problems.length > 0) throw invalid('An attachment was refused', problems);
  return checked;
}

/**
 * A message in the circle, a reply in a thread, or the first message about a task or referral. Members
 * whose consent names the messages get a mail that only says there is one (and a link), after commit.
 */
export async function sendMessage(deps: PlatformDeps, settings: CircleSettings, ctx: CircleActor, clientId: string, body: MessageBody): Promise<string> {
  const files = checkAttachments(body.attachments, settings);
  const sent = await withClientAccess(deps.db, ctx, clientId, { ...read, action: 'send_message', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    let threadId: string | null = null;
    if (body.threadId) {
      const start = await store.threadStart(trx, circle.id, body.threadId);
      if (!start) throw notFound('Message');
      threadId = start.thread_id ?? start.id;
    }
    if (body.taskId && !(await oneTask(trx, circle.id, body.taskId))) throw notFound('Task');
    const id = await store.insertMessage(trx, circle, {
      threadId,
      taskId: threadId ? null : (body.taskId ?? null),
      senderName: ctx.actorName,
      senderKind: ctx.actorKind === 'citizen' ? 'citizen' : 'staff',
      senderId: ctx.actorId,
      body: body.text,
    });
    for (const file of files) await store.insertAttachment(trx, circle, id, file);
    await addEvent(trx, circle, { type: 'message_sent', actor: ctx.actorName, ...(body.taskId ? { taskId: body.taskId } : {}) });
    const recipients = await store.messageRecipients(trx, { ...circle, client_id: clientId }, ctx.actorId);
    return { id, recipients, person: await personName(trx, permit), allianceId: permit.allianceId };
  });
  // Mail only notifies: no word of the message, the sender or the task, just where to read it.
  for (const r of sent.recipients) {
    await deps.mailer.send({ allianceId: sent.allianceId, to: r.email, language: r.language, template: 'circleMessage', params: { name: r.name, person: sent.person }, link: { path: circlePage(clientId) } });
  }
  return sent.id;
}

/** The circle's threads, oldest first, each with its replies; reading them is one audited access. */
export async function listThreads(deps: PlatformDeps, ctx: CircleActor, clientId: string, taskId?: string) {
  return withClientAccess(deps.db, ctx, clientId, { ...read, ...(taskId ? { fields: ['task'] } : {}) }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const { messages, attachments } = await store.circleMessages(executor, circle.id, taskId);
    const toMessage = (m: (typeof messages)[number]) => ({
      id: m.id,
      sender: m.sender_name,
      sentAt: m.sent_at,
      text: m.body,
      attachments: attachments.filter((a) => a.message_id === m.id).map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes })),
    });
    return messages
      .filter((m) => m.thread_id === null)
      .map((start) => ({ id: start.id, taskId: start.task_id, messages: [start, ...messages.filter((m) => m.thread_id === start.id)].map(toMessage) }));
  });
}

/** One attachment's bytes, for whoever may read the messages; the audit entry names the file. */
export async function readAttachment(deps: PlatformDeps, ctx: CircleActor, clientId: string, messageId: string, attachmentId: string) {
  return withClientAccess(deps.db, ctx, clientId, { ...read, resource: 'circle_attachment', fields: [attachmentId] }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const file = await store.attachment(executor, circle.id, messageId, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  });
}
