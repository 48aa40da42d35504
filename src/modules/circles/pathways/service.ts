import { withClientAccess } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import type { CircleRecorder } from '../actor.js';
import { requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import { firstMemberOfKinds, insertTask } from '../tasks/store.js';
import { pathwayTemplates, type PathwayKey } from './templates.js';

/**
 * Starts a pathway (the hospital announces a discharge): each step becomes a task with its norm as the
 * window's end, owned by the first organisation (or member) of the step's kinds in the circle. A step
 * nobody in the circle can own stays open for the coordinator to hand out.
 */
export async function startPathway(deps: PlatformDeps, ctx: CircleRecorder, clientId: string, key: PathwayKey, startedAt = new Date()): Promise<string> {
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_tasks', action: 'start_pathway', resource: 'circle_task', fields: [key], sharingPurpose: 'care_network', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const pathway = await trx
      .insertInto('circle_pathway')
      .values({ circle_id: circle.id, alliance_id: circle.alliance_id, organisation_id: circle.organisation_id, template: key, started_at: startedAt, started_by_name: ctx.actorName })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const step of pathwayTemplates[key].steps) {
      const owner = await firstMemberOfKinds(trx, circle.id, step.ownerKinds);
      await insertTask(trx, circle, clientId, {
        title: step.key,
        competence: step.competence,
        place: step.place,
        windowStart: startedAt,
        windowEnd: new Date(startedAt.getTime() + step.normHours * 3600_000),
        ownerOrganisationId: owner?.member_organisation_id ?? null,
        ownerMemberId: owner?.citizen_id ? owner.id : null,
        requestedBy: ctx.actorName,
        pathwayId: pathway.id,
        pathwayStep: step.key,
      });
    }
    await addEvent(trx, circle, { type: 'pathway_started', actor: ctx.actorName, details: { pathway: key } });
    return pathway.id;
  });
}
