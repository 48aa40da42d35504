import { withClientAccess } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, forbidden, notFound } from '../../../platform/http/index.js';
import type { CircleActor } from '../actor.js';
import { requireCircle } from '../circle/service.js';

/**
 * The person's own rating of how their care feels (1–5). Only the person or their legal
 * representative gives it: a professional's opinion of the person's experience would not be theirs.
 */
export async function rateExperience(deps: PlatformDeps, ctx: CircleActor, clientId: string, rating: number): Promise<void> {
  if (ctx.actorKind !== 'citizen') throw forbidden('Only the person or their representative rates their experience');
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'create', resource: 'circle_experience', sharingPurpose: 'care_network', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    await trx
      .insertInto('circle_experience')
      .values({ circle_id: circle.id, alliance_id: circle.alliance_id, organisation_id: circle.organisation_id, client_id: clientId, rating, given_by_kind: permit.basis === 'person' ? 'person' : 'representative' })
      .execute();
  });
}

/**
 * The minutes a done task took, recorded by staff of the organisation that owned it (or, for a task
 * without owner, of the organisation keeping the circle): the professional hours of the evaluation.
 */
export async function recordEffort(deps: PlatformDeps, ctx: CircleActor, clientId: string, taskId: string, minutes: number): Promise<void> {
  if (ctx.actorKind !== 'user') throw forbidden('Only staff record the time a task took');
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_tasks', action: 'update', resource: 'circle_task', fields: ['effortMinutes'], sharingPurpose: 'care_network', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const task = await trx.selectFrom('circle_task').select(['status', 'owner_organisation_id', 'owner_member_id']).where('circle_id', '=', circle.id).where('id', '=', taskId).forUpdate().executeTakeFirst();
    const owning = task && (task.owner_organisation_id ?? (task.owner_member_id ? null : circle.organisation_id));
    if (!task || owning !== ctx.organisationId) throw notFound('Task');
    if (task.status !== 'done') throw conflict(`The task is ${task.status}`);
    await trx.updateTable('circle_task').set({ effort_minutes: minutes }).where('id', '=', taskId).execute();
  });
}
