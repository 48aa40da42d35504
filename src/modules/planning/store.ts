import type { Executor, ReadDb } from '../../platform/db/index.js';

export interface VisitRow {
  allianceId: string;
  organisationId: string;
  clientId: string;
  night: string;
  task: string;
  windowStart: Date;
  windowEnd: Date;
  durationMinutes: number;
  requiredSkills: string[];
  priority: number;
  latitude: number;
  longitude: number;
  createdBy: string;
  seriesId: string | null;
}

export async function insertVisit(executor: Executor, visit: VisitRow): Promise<string> {
  const row = await executor
    .insertInto('planned_visit')
    .values({
      alliance_id: visit.allianceId,
      organisation_id: visit.organisationId,
      client_id: visit.clientId,
      night: visit.night,
      task: visit.task,
      window_start: visit.windowStart,
      window_end: visit.windowEnd,
      duration_minutes: visit.durationMinutes,
      required_skills: visit.requiredSkills,
      priority: visit.priority,
      latitude: visit.latitude,
      longitude: visit.longitude,
      created_by: visit.createdBy,
      series_id: visit.seriesId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const visitsOf = (executor: ReadDb, allianceId: string, night: string) =>
  executor.selectFrom('planned_visit').selectAll().where('alliance_id', '=', allianceId).where('night', '=', night).orderBy('window_start').execute();

/** Only what the live insertion reads: the whole night's visits are decoded on every dispatch proposal. */
export const roundsOf = (executor: Executor, allianceId: string, night: string) =>
  executor
    .selectFrom('planned_visit')
    .select(['id', 'latitude', 'longitude', 'window_start', 'window_end', 'duration_minutes', 'required_skills', 'priority', 'assigned_user_id', 'sequence', 'planned_start'])
    .where('alliance_id', '=', allianceId)
    .where('night', '=', night)
    .orderBy('window_start')
    .execute();

export const clearVisitPlan = (executor: Executor, visitId: string) =>
  executor.updateTable('planned_visit').set({ assigned_user_id: null, sequence: null, planned_start: null, unplanned_reason: null }).where('id', '=', visitId).execute();

export const markUnplanned = (executor: Executor, visitId: string, reason: string) => executor.updateTable('planned_visit').set({ unplanned_reason: reason }).where('id', '=', visitId).execute();

export const planVisit = (executor: Executor, visitId: string, plan: { userId: string; sequence: number; plannedStart: Date }) =>
  executor.updateTable('planned_visit').set({ assigned_user_id: plan.userId, sequence: plan.sequence, planned_start: plan.plannedStart }).where('id', '=', visitId).execute();

export const lastRunOf = (executor: ReadDb, allianceId: string, night: string) =>
  executor.selectFrom('planning_run').selectAll().where('alliance_id', '=', allianceId).where('night', '=', night).orderBy('started_at', 'desc').limit(1).executeTakeFirst();

export const findRun = (executor: Executor, id: string) => executor.selectFrom('planning_run').selectAll().where('id', '=', id).executeTakeFirst();

export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export const insertRun = (executor: Executor, run: { allianceId: string; night: string; timeLimitMs: number; startedBy: string }) =>
  executor.insertInto('planning_run').values({ alliance_id: run.allianceId, night: run.night, time_limit_ms: run.timeLimitMs, started_by: run.startedBy }).returning('id').executeTakeFirstOrThrow();

export const recordRunProgress = (executor: Executor, runId: string, progress: { elapsedMs: number; iterations: number; travelMinutes: number; unassigned: number }) =>
  executor
    .updateTable('planning_run')
    .set({ elapsed_ms: progress.elapsedMs, iterations: progress.iterations, travel_minutes: progress.travelMinutes, unassigned: progress.unassigned })
    .where('id', '=', runId)
    .execute();

export const finishRun = (executor: Executor, runId: string, result: { travelMinutes: number; unassigned: number; stoppedEarly: boolean }) =>
  executor
    .updateTable('planning_run')
    .set({ status: 'done', finished_at: new Date(), travel_minutes: result.travelMinutes, unassigned: result.unassigned, stopped_early: result.stoppedEarly })
    .where('id', '=', runId)
    .execute();

export const recordRunRoads = (executor: Executor, runId: string, roads: { roads: 'estimate' | 'osrm'; warning: string | null }) =>
  executor.updateTable('planning_run').set({ roads: roads.roads, roads_warning: roads.warning }).where('id', '=', runId).execute();

/** Asks a running run to stop; false when it is not running (finished, failed, or unknown). */
export const requestStop = async (executor: Executor, runId: string): Promise<boolean> =>
  Number((await executor.updateTable('planning_run').set({ stop_requested_at: new Date() }).where('id', '=', runId).where('status', '=', 'running').executeTakeFirst()).numUpdatedRows) > 0;

export const stopRequested = async (executor: Executor, runId: string): Promise<boolean> =>
  (await executor.selectFrom('planning_run').select('stop_requested_at').where('id', '=', runId).executeTakeFirst())?.stop_requested_at != null;

export const failRun = (executor: Executor, runId: string) => executor.updateTable('planning_run').set({ status: 'failed', finished_at: new Date() }).where('id', '=', runId).execute();

/** A night's planned visits as the roster counts them: who, when, how long and what; no client. */
export const nurseRounds = (executor: Executor, allianceId: string, night: string) =>
  executor
    .selectFrom('planned_visit')
    .select(['assigned_user_id', 'planned_start', 'duration_minutes', 'task'])
    .where('alliance_id', '=', allianceId)
    .where('night', '=', night)
    .where('assigned_user_id', 'is not', null)
    .where('planned_start', 'is not', null)
    .orderBy('planned_start')
    .execute();
/** A nurse's planned visits of one night (or, without one, of the night around `now`), in route order. */
export const visitsOfNurse = (executor: Executor, userId: string, night: string | undefined, now: Date) =>
  executor
    .selectFrom('planned_visit')
    .selectAll()
    .where('assigned_user_id', '=', userId)
    .$if(night !== undefined, (q) => q.where('night', '=', night ?? ''))
    .$if(night === undefined, (q) => q.where('window_end', '>', new Date(now.getTime() - 12 * 3600_000)).where('window_start', '<', new Date(now.getTime() + 18 * 3600_000)))
    .orderBy('night')
    .orderBy('sequence')
    .orderBy('planned_start')
    .execute();

export const findVisit = (executor: Executor, id: string) => executor.selectFrom('planned_visit').selectAll().where('id', '=', id).executeTakeFirst();

export type PlannedVisit = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

export const updateVisit = (executor: Executor, id: string, change: { task?: string; durationMinutes?: number; requiredSkills?: string[]; priority?: number; windowStart?: Date; windowEnd?: Date }) =>
  executor
    .updateTable('planned_visit')
    .set({
      ...(change.task !== undefined ? { task: change.task } : {}),
      ...(change.durationMinutes !== undefined ? { duration_minutes: change.durationMinutes } : {}),
      ...(change.requiredSkills !== undefined ? { required_skills: change.requiredSkills } : {}),
      ...(change.priority !== undefined ? { priority: change.priority } : {}),
      ...(change.windowStart !== undefined ? { window_start: change.windowStart } : {}),
      ...(change.windowEnd !== undefined ? { window_end: change.windowEnd } : {}),
    })
    .where('id', '=', id)
    .execute();

export const deleteVisit = (executor: Executor, id: string) => executor.deleteFrom('planned_visit').where('id', '=', id).execute();

export const skipSeriesNight = (executor: Executor, seriesId: string, night: string) =>
  executor
    .updateTable('planned_visit_series')
    .set((eb) => ({ skipped_nights: eb.fn<string[]>('array_append', [eb.ref('skipped_nights'), eb.cast(eb.val(night), 'date')]) }))
    .where('id', '=', seriesId)
    .execute();

export const lockVisit = (executor: Executor, id: string) => executor.selectFrom('planned_visit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const setVisitStatus = (executor: Executor, id: string, status: 'en_route' | 'on_site' | 'done', at: Date) =>
  executor
    .updateTable('planned_visit')
    .set({ status, ...(status === 'on_site' ? { on_site_at: at } : {}), ...(status === 'done' ? { done_at: at } : {}) })
    .where('id', '=', id)
    .execute();

/** A client's planned visits, latest window first: candidates only, each opened (decided and audited) by visit-read.ts. */
export async function clientVisitIds(db: ReadDb, clientId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('planned_visit').select('id').where('client_id', '=', clientId).orderBy('window_start', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}
