import { revokeAssignmentAccess, withClientAccess, type AccessContext } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, invalid, notFound, plannedVisitsOff } from '../../platform/http/index.js';
import { permittedLocation } from '../clients/index.js';
import { allianceNight, allianceSettings } from '../nightteam/index.js';
import { instantOnNight } from './night-clock.js';
import type { VisitCreate, VisitEdit } from './schemas.js';
import * as store from './store.js';

/** Planned night visits are the alliance's choice (off by default: the announced team is for unplanned care). */
export async function assertPlannedVisitsOn(executor: Executor, allianceId: string): Promise<void> {
  if (!(await allianceSettings(executor, allianceId)).planned_visits_enabled) throw plannedVisitsOff();
}

/** The visit's window as instants on its night, refused when it does not lie within the night shift. */
export async function windowOnNight(executor: Executor, allianceId: string, night: string, clocks: { windowStart: string; windowEnd: string }): Promise<{ windowStart: Date; windowEnd: Date }> {
  const shift = await allianceNight(executor, allianceId, night);
  const settings = await allianceSettings(executor, allianceId);
  const windowStart = instantOnNight(night, clocks.windowStart, settings.night_shift_start, shift.zone);
  const windowEnd = instantOnNight(night, clocks.windowEnd, settings.night_shift_start, shift.zone);
  if (windowStart < shift.startsAt || windowEnd > shift.endsAt || windowEnd < windowStart) {
    throw invalid('The window must lie within the night shift', [{ path: 'windowEnd', code: 'outside_shift', message: 'The window must lie within the night shift and end after it starts' }]);
  }
  return { windowStart, windowEnd };
}

/** The home organisation plans a night visit for its client; the visit carries the client's location for routing. */
export async function addVisit(deps: PlatformDeps, ctx: AccessContext, input: VisitCreate): Promise<string> {
  return withClientAccess(deps.db, ctx, input.clientId, { level: 'change', action: 'plan_visit', resource: 'planned_visit', fields: ['location'] }, async (trx, permit) => {
    await assertPlannedVisitsOn(trx, permit.allianceId);
    const client = await permittedLocation(trx, permit);
    if (client.latitude === null || client.longitude === null) throw invalid('The client has no coordinates; add them to the address first', [{ path: 'clientId', code: 'no_location', message: 'The client has no coordinates' }]);
    const window = await windowOnNight(trx, permit.allianceId, input.night, input);
    return store.insertVisit(trx, {
      allianceId: permit.allianceId,
      organisationId: permit.clientOrganisationId,
      clientId: permit.clientId,
      night: input.night,
      task: input.task,
      ...window,
      durationMinutes: input.durationMinutes,
      requiredSkills: input.requiredSkills,
      priority: input.priority,
      latitude: client.latitude,
      longitude: client.longitude,
      createdBy: ctx.actorId,
      seriesId: null,
    });
  });
}

/**
 * Runs `work` on a visit of the caller's alliance that has not started, with the client's home
 * organisation's right to change it; the access check writes the audit entry. Someone else's visit
 * reads as not found, a started one as a conflict.
 */
async function withUnstartedVisit<T>(deps: PlatformDeps, ctx: AccessContext, visitId: string, action: 'update' | 'delete', fields: string[], work: (trx: Executor, visit: store.PlannedVisit) => Promise<T>): Promise<T> {
  const found = await store.findVisit(deps.db, visitId);
  if (!found || !ctx.allianceIds.includes(found.alliance_id)) throw notFound('Planned visit');
  return withClientAccess(deps.db, ctx, found.client_id, { level: 'change', action, resource: 'planned_visit', fields, reason: `visit:${visitId}` }, async (trx, permit) => {
    const visit = await store.lockVisit(trx, visitId);
    if (!visit || visit.organisation_id !== permit.clientOrganisationId) throw notFound('Planned visit');
    if (visit.status !== 'planned') throw conflict(`A visit that is ${visit.status} can no longer be changed`);
    return work(trx, visit);
  });
}

/**
 * Changes a planned visit before it starts. A new window, duration or skill need takes the visit out of
 * the stored plan (and the nurse's access with it) until the night is planned again.
 */
export async function editVisit(deps: PlatformDeps, ctx: AccessContext, visitId: string, input: VisitEdit): Promise<void> {
  await withUnstartedVisit(deps, ctx, visitId, 'update', Object.keys(input), async (trx, visit) => {
    await assertPlannedVisitsOn(trx, visit.alliance_id);
    const clocks = input.windowStart !== undefined || input.windowEnd !== undefined;
    if (clocks && (input.windowStart === undefined || input.windowEnd === undefined)) {
      throw invalid('Give both ends of the window', [{ path: input.windowStart === undefined ? 'windowStart' : 'windowEnd', code: 'window_incomplete', message: 'Give both ends of the window' }]);
    }
    const window = input.windowStart !== undefined && input.windowEnd !== undefined ? await windowOnNight(trx, visit.alliance_id, visit.night, { windowStart: input.windowStart, windowEnd: input.windowEnd }) : {};
    await store.updateVisit(trx, visitId, { task: input.task, durationMinutes: input.durationMinutes, requiredSkills: input.requiredSkills, priority: input.priority, ...window });
    if (clocks || input.durationMinutes !== undefined || input.requiredSkills !== undefined) {
      await revokeAssignmentAccess(trx, `visit:${visitId}`);
      await store.clearVisitPlan(trx, visitId);
    }
  });
}

/** Deletes a planned visit before it starts; the nurse's access ends with it. An occurrence of a series stays deleted. */
export async function deleteVisit(deps: PlatformDeps, ctx: AccessContext, visitId: string): Promise<void> {
  await withUnstartedVisit(deps, ctx, visitId, 'delete', [], async (trx, visit) => {
    await revokeAssignmentAccess(trx, `visit:${visitId}`);
    if (visit.series_id) await store.skipSeriesNight(trx, visit.series_id, visit.night);
    await store.deleteVisit(trx, visitId);
  });
}
