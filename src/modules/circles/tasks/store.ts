import type { Executor } from '../../../platform/db/index.js';
import type { CircleMemberKind } from '../tables.js';
import type { CircleActor } from '../actor.js';

type Circle = { id: string; alliance_id: string; organisation_id: string; paused_at: Date | null };

const taskColumns = [
  'id',
  'title',
  'pathway_step',
  'competence',
  'place',
  'window_start',
  'window_end',
  'owner_organisation_id',
  'owner_member_id',
  'status',
  'decline_reason',
  'accepted_by_name',
  'requested_by_name',
  'escalated_at',
] as const;

export const circleTasks = (executor: Executor, circleId: string) => executor.selectFrom('circle_task').select(taskColumns).where('circle_id', '=', circleId).orderBy('window_end').execute();

export const oneTask = (executor: Executor, circleId: string, taskId: string) =>
  executor.selectFrom('circle_task').select(taskColumns).where('circle_id', '=', circleId).where('id', '=', taskId).forUpdate().executeTakeFirst();

export type TaskRow = NonNullable<Awaited<ReturnType<typeof oneTask>>>;

export interface TaskInsert {
  title: string;
  competence: string | null;
  place: 'home' | 'practice' | 'clinic' | 'hospital';
  windowStart: Date;
  windowEnd: Date;
  ownerOrganisationId: string | null;
  ownerMemberId: string | null;
  requestedBy: string;
  pathwayId?: string;
  pathwayStep?: string;
}

export async function insertTask(executor: Executor, circle: Circle, clientId: string, task: TaskInsert): Promise<string> {
  const row = await executor
    .insertInto('circle_task')
    .values({
      circle_id: circle.id,
      alliance_id: circle.alliance_id,
      organisation_id: circle.organisation_id,
      client_id: clientId,
      title: task.title,
      competence: task.competence,
      place: task.place,
      window_start: task.windowStart,
      window_end: task.windowEnd,
      owner_organisation_id: task.ownerOrganisationId,
      owner_member_id: task.ownerMemberId,
      requested_by_name: task.requestedBy,
      pathway_id: task.pathwayId ?? null,
      pathway_step: task.pathwayStep ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Where the caller stands in the circle: the member rows that are theirs (a citizen's own, a staff
 * member's organisation's) and whether their organisation keeps the circle. Decides who may take up,
 * finish or decline a task; seeing the task at all was decided by platform/access.
 */
export async function standing(executor: Executor, circle: Circle, ctx: CircleActor): Promise<{ memberIds: string[]; organisationId: string | null }> {
  let query = executor.selectFrom('circle_member').select(['id']).where('circle_id', '=', circle.id).where('removed_at', 'is', null);
  query = ctx.actorKind === 'citizen' ? query.where('citizen_id', '=', ctx.actorId) : query.where('member_organisation_id', '=', ctx.organisationId).where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', ctx.actorId)]));
  const rows = await query.execute();
  const organisationId = ctx.actorKind === 'user' && (rows.length > 0 || ctx.organisationId === circle.organisation_id) ? ctx.organisationId : null;
  return { memberIds: rows.map((r) => r.id), organisationId };
}

export const memberInCircle = async (executor: Executor, circleId: string, memberId: string) =>
  (await executor.selectFrom('circle_member').select('id').where('circle_id', '=', circleId).where('id', '=', memberId).where('removed_at', 'is', null).executeTakeFirst()) !== undefined;

export const organisationInCircle = async (executor: Executor, circle: Circle, organisationId: string) =>
  organisationId === circle.organisation_id ||
  (await executor.selectFrom('circle_member').select('id').where('circle_id', '=', circle.id).where('member_organisation_id', '=', organisationId).where('removed_at', 'is', null).executeTakeFirst()) !== undefined;

export const firstMemberOfKinds = (executor: Executor, circleId: string, kinds: readonly CircleMemberKind[]) =>
  executor
    .selectFrom('circle_member')
    .select(['id', 'member_organisation_id', 'citizen_id'])
    .where('circle_id', '=', circleId)
    .where('removed_at', 'is', null)
    .where('kind', 'in', [...kinds])
    .orderBy('invited_at')
    .limit(1)
    .executeTakeFirst();
