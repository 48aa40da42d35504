import type { Executor } from '../../../platform/db/index.js';

export const messagesOf = (executor: Executor, incidentId: string) =>
  executor
    .selectFrom('incident_message as m')
    .innerJoin('app_user as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.body', 'm.from_coordinator', 'u.name as author_name', 'm.sent_at', 'm.read_at'])
    .where('m.incident_id', '=', incidentId)
    .orderBy('m.sent_at')
    .orderBy('m.id')
    .limit(500)
    .execute();

export const insertMessage = (executor: Executor, message: { incidentId: string; allianceId: string; authorUserId: string; fromCoordinator: boolean; body: string; sentAt: Date }) =>
  executor
    .insertInto('incident_message')
    .values({ incident_id: message.incidentId, alliance_id: message.allianceId, author_user_id: message.authorUserId, from_coordinator: message.fromCoordinator, body: message.body, sent_at: message.sentAt })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Marks the other side's unread messages read; the number marked. */
export async function markRead(executor: Executor, incidentId: string, fromCoordinator: boolean, readBy: string, at: Date): Promise<number> {
  const result = await executor
    .updateTable('incident_message')
    .set({ read_at: at, read_by: readBy })
    .where('incident_id', '=', incidentId)
    .where('from_coordinator', '=', fromCoordinator)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
