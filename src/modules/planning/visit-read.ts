import { withClientAccess, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/index.js';
import * as store from './store.js';

/**
 * One planned visit, for whoever may identify its client: the client's home organisation, the nurse
 * the visit is assigned to (through its assignment grant), and those the access layer lets identify
 * the client for night care. The REST read and the FHIR Encounter both come here, so they give the
 * same answers and the same audit entry; a visit of another alliance, or whose client the caller may
 * not identify, reads as not found.
 */
export async function readPlannedVisit(deps: PlatformDeps, ctx: AccessContext, visitId: string) {
  const found = await store.findVisit(deps.db, visitId);
  if (!found || !ctx.allianceIds.includes(found.alliance_id)) throw notFound('Planned visit');
  return withClientAccess(deps.db, ctx, found.client_id, { level: 'identification', action: 'read', resource: 'planned_visit', reason: `visit:${visitId}` }, async (executor) => {
    const v = await store.findVisit(executor, visitId);
    if (!v) throw notFound('Planned visit');
    return {
      id: v.id,
      clientId: v.client_id,
      organisationId: v.organisation_id,
      night: v.night,
      task: v.task,
      windowStart: v.window_start,
      windowEnd: v.window_end,
      durationMinutes: v.duration_minutes,
      status: v.status,
      assignedUserId: v.assigned_user_id,
      plannedStart: v.planned_start,
      onSiteAt: v.on_site_at,
      doneAt: v.done_at,
    };
  });
}

export type PlannedVisitView = Awaited<ReturnType<typeof readPlannedVisit>>;
