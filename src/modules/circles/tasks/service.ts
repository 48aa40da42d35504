import { withClientAccess, type AccessRequest } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import type { CircleActor, CircleRecorder } from '../actor.js';
import { requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import type { TaskBody } from '../schemas.js';
import * as store from './store.js';

const read: AccessRequest = { level: 'circle_tasks', action: 'read', resource: 'circle_task', sharingPurpose: 'care_network' };
const change = (action: AccessRequest['action']): AccessRequest => ({ ...read, action, change: true });

const toOut = (t: store.TaskRow, paused: boolean) => ({
  id: t.id,
  title: t.title,
  pathwayStep: t.pathway_step,
  competence: t.competence,
  place: t.place,
  windowStart: t.window_start,
  windowEnd: t.window_end,
  ownerOrganisationId: t.owner_organisation_id,
  ownerMemberId: t.owner_member_id,
  status: t.status,
  declineReason: t.decline_reason,
  acceptedBy: t.accepted_by_name,
  requestedBy: t.requested_by_name,
  escalated: t.escalated_at !== null,
  paused: paused && t.place === 'home' && (t.status === 'requested' || t.status === 'accepted'),
});

export async function listTasks(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, read, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    return (await store.circleTasks(executor, circle.id)).map((t) => toOut(t, circle.paused_at !== null));
  });
}

/** Anyone who sees the circle's tasks may ask for help; the owner, if named, must be in the circle. */
export async function createTask(deps: PlatformDeps, ctx: CircleActor, clientId: string, body: TaskBody): Promise<string> {
  return withClientAccess(deps.db, ctx, clientId, change('create'), async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    if (body.ownerMemberId && !(await store.memberInCircle(trx, circle.id, body.ownerMemberId))) throw invalid('Not a member of this circle', [{ path: 'ownerMemberId', code: 'not_member', message: 'Not a member of this circle' }]);
    if (body.ownerOrganisationId && !(await store.organisationInCircle(trx, circle, body.ownerOrganisationId))) {
      throw invalid('Not an organisation in this circle', [{ path: 'ownerOrganisationId', code: 'not_member', message: 'Not in this circle' }]);
    }
    const taskId = await store.insertTask(trx, circle, clientId, {
      title: body.title,
      competence: body.competence,
      place: body.place,
      windowStart: new Date(body.windowStart),
      windowEnd: new Date(body.windowEnd),
      ownerOrganisationId: body.ownerOrganisationId ?? null,
      ownerMemberId: body.ownerMemberId ?? null,
      requestedBy: ctx.actorName,
    });
    await addEvent(trx, circle, { type: 'task_requested', actor: ctx.actorName, taskId });
    return taskId;
  });
}

type Move = 'accept' | 'complete' | 'decline';

/** request → accepted → done, or declined with a reason; each from the one state it may follow. */
const FROM: Record<Move, 'requested' | 'accepted'> = { accept: 'requested', complete: 'accepted', decline: 'requested' };
const ACTION = { accept: 'accept_task', complete: 'complete_task', decline: 'decline_task' } as const;

/**
 * Who may move a task: its owner (the member, or staff of the owning organisation); a task without
 * owner is open to every member of the circle, informal or formal, and the home organisation's staff.
 */
function mayMove(task: store.TaskRow, standing: { memberIds: string[]; organisationId: string | null }): boolean {
  if (task.owner_member_id) return standing.memberIds.includes(task.owner_member_id);
  if (task.owner_organisation_id) return standing.organisationId === task.owner_organisation_id;
  return standing.memberIds.length > 0 || standing.organisationId !== null;
}

export async function moveTask(deps: PlatformDeps, ctx: CircleActor, clientId: string, taskId: string, move: Move, reason?: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, change(ACTION[move]), async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const task = await store.oneTask(trx, circle.id, taskId);
    if (!task) throw notFound('Task');
    const place = await store.standing(trx, circle, ctx);
    if (!mayMove(task, place)) throw notFound('Task');
    if (task.status !== FROM[move]) throw conflict(`The task is ${task.status}`);
    const now = new Date();
    const set =
      move === 'accept'
        ? { status: 'accepted' as const, accepted_by_name: ctx.actorName, accepted_by_member_id: place.memberIds[0] ?? null, accepted_at: now }
        : move === 'complete'
          ? { status: 'done' as const, done_at: now }
          : { status: 'declined' as const, decline_reason: reason ?? '' };
    await trx.updateTable('circle_task').set(set).where('id', '=', task.id).execute();
    await addEvent(trx, circle, { type: `task_${set.status}`, actor: ctx.actorName, taskId, ...(move === 'decline' ? { details: { reason: reason ?? '' } } : {}) });
  });
}

/** Hospital admission pauses the circle's home tasks (no escalation while away); discharge resumes them. */
export async function recordAdmission(deps: PlatformDeps, ctx: CircleRecorder, clientId: string, inHospital: boolean): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, change('record_admission'), async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    if ((circle.paused_at !== null) === inHospital) return;
    await trx.updateTable('circle').set({ paused_at: inHospital ? new Date() : null }).where('id', '=', circle.id).execute();
    await addEvent(trx, circle, { type: inHospital ? 'admitted' : 'discharged', actor: ctx.actorName });
  });
}

/**
 * A message exchanged with another organisation about the person (MedCom CareCommunication, in or out)
 * lands on the person's one timeline: who, topic and text, for those who see the circle's messages.
 */
export async function recordCircleMessage(deps: PlatformDeps, ctx: CircleRecorder, clientId: string, message: { direction: 'in' | 'out'; party: string; topic: string; text: string }): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_messages', action: message.direction === 'in' ? 'receive_message' : 'send_message', resource: 'circle_timeline', sharingPurpose: 'care_network', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    await addEvent(trx, circle, { type: message.direction === 'in' ? 'message_received' : 'message_sent', actor: ctx.actorName, details: { party: message.party, topic: message.topic, text: message.text } });
  });
}

/** One timeline per person across organisations: every fact of the circle in order, for those who see its tasks. */
export async function readTimeline(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { ...read, resource: 'circle_timeline' }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const rows = await executor.selectFrom('circle_event').select(['at', 'type', 'actor_name', 'task_id', 'details']).where('circle_id', '=', circle.id).orderBy('id').execute();
    return rows.map((r) => ({ at: r.at, type: r.type, actor: r.actor_name, taskId: r.task_id, details: r.details as Record<string, string> }));
  });
}
