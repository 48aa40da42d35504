import type { ClientPermit } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import type { MemberKind } from '../schemas.js';

/** Every store function takes the permit of the person's circle: no second road to a circle's rows. */
export const findCircle = (executor: Executor, permit: ClientPermit) =>
  executor.selectFrom('circle').select(['id', 'alliance_id', 'organisation_id', 'paused_at']).where('client_id', '=', permit.clientId).executeTakeFirst();

export async function insertCircle(executor: Executor, permit: ClientPermit, openedBy: { name: string; userId: string | null }): Promise<string | undefined> {
  const row = await executor
    .insertInto('circle')
    .values({ alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId, client_id: permit.clientId, opened_by_name: openedBy.name, opened_by_user_id: openedBy.userId })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function linkCitizen(executor: Executor, permit: ClientPermit, citizenId: string, relation: 'self' | 'representative'): Promise<void> {
  await executor
    .insertInto('client_citizen_link')
    .values({ alliance_id: permit.allianceId, client_id: permit.clientId, citizen_id: citizenId, relation })
    .onConflict((oc) => oc.columns(['client_id', 'citizen_id']).where('ended_at', 'is', null).doNothing())
    .execute();
}

/** Who runs the circle: the person or representative linked to the client, the giver of its consents. */
export const circleRunner = (executor: Executor, permit: ClientPermit) =>
  executor
    .selectFrom('client_citizen_link as l')
    .innerJoin('citizen as c', 'c.id', 'l.citizen_id')
    .select(['c.id', 'c.name', 'l.relation'])
    .where('l.client_id', '=', permit.clientId)
    .where('l.ended_at', 'is', null)
    .orderBy('l.since')
    .executeTakeFirst();

export interface MemberInsert {
  kind: MemberKind;
  name: string;
  citizenId: string | null;
  organisationId: string | null;
  userId: string | null;
  coordinator: boolean;
  joined: boolean;
}

export async function insertMember(executor: Executor, permit: ClientPermit, circleId: string, member: MemberInsert): Promise<string> {
  const row = await executor
    .insertInto('circle_member')
    .values({
      circle_id: circleId,
      alliance_id: permit.allianceId,
      organisation_id: permit.clientOrganisationId,
      kind: member.kind,
      name: member.name,
      citizen_id: member.citizenId,
      member_organisation_id: member.organisationId,
      user_id: member.userId,
      coordinator: member.coordinator,
      joined_at: member.joined ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const activeMembers = (executor: Executor, circleId: string) =>
  executor
    .selectFrom('circle_member')
    .select(['id', 'kind', 'name', 'citizen_id', 'member_organisation_id', 'user_id', 'coordinator', 'joined_at'])
    .where('circle_id', '=', circleId)
    .where('removed_at', 'is', null)
    .orderBy('coordinator', 'desc')
    .orderBy('invited_at')
    .execute();

export const endMembership = (executor: Executor, circleId: string, memberId: string) =>
  executor
    .updateTable('circle_member')
    .set({ removed_at: new Date(), coordinator: false })
    .where('circle_id', '=', circleId)
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .returning(['id', 'citizen_id', 'member_organisation_id', 'user_id', 'name'])
    .executeTakeFirst();

/** One coordinator: the old one steps down in the same statement's transaction (the unique index holds it). */
export async function makeCoordinator(executor: Executor, circleId: string, memberId: string): Promise<boolean> {
  await executor.updateTable('circle_member').set({ coordinator: false }).where('circle_id', '=', circleId).where('coordinator', '=', true).execute();
  const result = await executor.updateTable('circle_member').set({ coordinator: true }).where('circle_id', '=', circleId).where('id', '=', memberId).where('removed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const markJoined = (executor: Executor, circleId: string, citizenId: string) =>
  executor.updateTable('circle_member').set({ joined_at: new Date() }).where('circle_id', '=', circleId).where('citizen_id', '=', citizenId).where('removed_at', 'is', null).where('joined_at', 'is', null).execute();

export async function addEvent(executor: Executor, circle: { id: string; alliance_id: string; organisation_id: string }, event: { type: string; actor: string; taskId?: string; details?: Record<string, string> }): Promise<void> {
  await executor
    .insertInto('circle_event')
    .values({ circle_id: circle.id, alliance_id: circle.alliance_id, organisation_id: circle.organisation_id, type: event.type, actor_name: event.actor, task_id: event.taskId ?? null, details: JSON.stringify(event.details ?? {}) })
    .execute();
}

export const organisationNames = async (executor: Executor, ids: string[]) =>
  new Map(ids.length === 0 ? [] : (await executor.selectFrom('organisation').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]));
