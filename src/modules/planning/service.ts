import { actingAlliance, grantAssignmentAccess, revokeAssignmentAccess, type AccessContext } from '../../platform/access/index.js';
import type { Db, Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, notFound } from '../../platform/http/index.js';
import { identifyClients } from '../clients/index.js';
import { allianceNight, assertCoordinator, dutiesIn, nurseOrganisations } from '../nightteam/index.js';
import { livePlanAt, proposeInsertions, solveAsync, type OsrmOptions, type Solution } from '../routing/index.js';
import { nightProblem, perNurseProblems, storedSolution, type AcuteInput } from './night-problem.js';
import { nightRoads } from './night-roads.js';
import { watchStopRequest } from './run-stop.js';
import * as store from './store.js';
import { expandSeriesOnNight } from './series.js';
import { assertPlannedVisitsOn } from './visits.js';

/** The planner page: the night's visits (clients identified through the access rules), nurses on duty, the last run. */
export async function nightOverview(deps: PlatformDeps, ctx: AccessContext, night: string) {
  const allianceId = actingAlliance(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const shift = await allianceNight(trx, allianceId, night);
    const [visits, nurses, run] = await Promise.all([
      // The Gantt's visits and run may come from a replica (both from one, so they agree with each other).
      store.visitsOf(deps.readDb, allianceId, night),
      dutiesIn(trx, allianceId, shift.startsAt, shift.endsAt),
      store.lastRunOf(deps.readDb, allianceId, night),
    ]);
    const identities = await identifyClients(trx, ctx, [...new Set(visits.map((v) => v.client_id))], 'night_planning');
    return {
      night,
      shift: { startsAt: shift.startsAt, endsAt: shift.endsAt, zone: shift.zone },
      nurses: nurses.map((n) => ({ userId: n.user_id, name: n.name, skills: n.skills, latitude: n.latitude, longitude: n.longitude })),
      visits: visits.map((v) => {
        const who = identities.get(v.client_id);
        return {
          id: v.id,
          clientId: v.client_id,
          clientName: who ? `${who.givenName} ${who.familyName}` : null,
          address: who ? `${who.street} ${who.houseNumber}, ${who.city}` : null,
          task: v.task,
          windowStart: v.window_start,
          windowEnd: v.window_end,
          durationMinutes: v.duration_minutes,
          requiredSkills: v.required_skills,
          priority: v.priority,
          latitude: v.latitude,
          longitude: v.longitude,
          assignedUserId: v.assigned_user_id,
          sequence: v.sequence,
          plannedStart: v.planned_start,
          unplannedReason: v.unplanned_reason,
          status: v.status,
          seriesId: v.series_id,
        };
      }),
      lastRun: run ? runView(run) : null,
    };
  });
}

const runView = (r: store.RunRow) => ({
  id: r.id,
  night: r.night,
  status: r.status,
  timeLimitMs: r.time_limit_ms,
  elapsedMs: r.elapsed_ms,
  iterations: r.iterations,
  travelMinutes: r.travel_minutes,
  unassigned: r.unassigned,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  roads: r.roads,
  roadsWarning: r.roads_warning,
  stopRequested: r.stop_requested_at !== null,
  stoppedEarly: r.stopped_early,
});

/** How the planner is set up for this installation (main.ts reads it from the configuration). */
export interface PlanningOptions {
  /** The alliance's OSRM server (OSRM_URL); unset, travel times are the offline estimate. */
  osrm?: OsrmOptions;
}

export async function runStatus(deps: PlatformDeps, ctx: AccessContext, runId: string) {
  const run = await store.findRun(deps.db, runId);
  if (!run || !ctx.allianceIds.includes(run.alliance_id)) throw notFound('Planning run');
  return runView(run);
}

/** Starts the solver for the night in the background; progress is written to the run as it improves. */
export async function startPlanning(deps: PlatformDeps, options: PlanningOptions, ctx: AccessContext, night: string, timeLimitMs: number): Promise<{ runId: string }> {
  const allianceId = actingAlliance(ctx);
  const run = await deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    await assertPlannedVisitsOn(trx, allianceId);
    await expandSeriesOnNight(trx, allianceId, night, ctx.actorId);
    return store.insertRun(trx, { allianceId, night, timeLimitMs, startedBy: ctx.actorId });
  });
  void planNight(deps.db, options, allianceId, night, run.id, timeLimitMs).catch(() => store.failRun(deps.db, run.id));
  return { runId: run.id };
}

/** The coordinator stops a running run: the solver ends at its next step and the best plan so far is kept. */
export async function stopPlanning(deps: PlatformDeps, ctx: AccessContext, runId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const run = await store.findRun(trx, runId);
    if (!run || !ctx.allianceIds.includes(run.alliance_id)) throw notFound('Planning run');
    await assertCoordinator(trx, ctx, run.alliance_id);
    if (!(await store.requestStop(trx, runId))) throw conflict('The run has already finished');
  });
}

async function planNight(db: Db, options: PlanningOptions, allianceId: string, night: string, runId: string, timeLimitMs: number): Promise<void> {
  const { shift, visits, nurses } = await db.transaction().execute(async (trx) => {
    const s = await allianceNight(trx, allianceId, night);
    return { shift: s, visits: await store.visitsOf(trx, allianceId, night), nurses: await dutiesIn(trx, allianceId, s.startsAt, s.endsAt) };
  });
  const estimated = nightProblem(shift.startsAt, nurses, visits);
  const roads = await nightRoads(estimated.locations, options.osrm);
  await store.recordRunRoads(db, runId, roads);
  const problem = { ...estimated, matrix: roads.matrix };
  const stop = new AbortController();
  const stopWatch = watchStopRequest(db, runId, stop);
  let lastWrite = 0;
  const solution = await solveAsync(problem, {
    objective: 'night-care',
    timeLimitMs,
    seed: 1,
    signal: stop.signal,
    onProgress: (p) => {
      if (p.elapsedMs - lastWrite < 300) return;
      lastWrite = p.elapsedMs;
      void store.recordRunProgress(db, runId, { elapsedMs: Math.round(p.elapsedMs), iterations: p.iterations, travelMinutes: p.travelTime / 60, unassigned: p.unassigned });
    },
  });
  stopWatch();
  const skillsOnDuty = new Set(nurses.flatMap((n) => n.skills));
  const reasons = new Map(solution.unassigned.map((id) => [id, unplannedReason(visits.find((v) => v.id === id)?.required_skills ?? [], skillsOnDuty)]));
  await savePlan(db, allianceId, shift.startsAt, visits.map((v) => ({ id: v.id, clientId: v.client_id, windowEnd: v.window_end })), solution, runId, reasons, stop.signal.aborted);
}

/** Why the solver left a visit out: a skill nobody on duty brings tonight (e.g. no palliative nurse), else no room in anyone's night. */
const unplannedReason = (required: string[], onDuty: Set<string>) => {
  const missing = required.filter((skill) => !onDuty.has(skill));
  return missing.length > 0 ? `no_nurse_with_skill:${missing.join(',')}` : 'no_time';
};

/** Stores the plan; each nurse gets access to the night summaries of their planned clients until the visit window is over. */
async function savePlan(db: Db, allianceId: string, shiftStart: Date, visits: { id: string; clientId: string; windowEnd: Date }[], solution: Solution, runId: string, reasons: Map<string, string>, stoppedEarly: boolean): Promise<void> {
  const byId = new Map(visits.map((v) => [v.id, v]));
  await db.transaction().execute(async (trx) => {
    const organisations = await nurseOrganisations(trx);
    for (const visit of visits) {
      await revokeAssignmentAccess(trx, `visit:${visit.id}`);
      await store.clearVisitPlan(trx, visit.id);
    }
    for (const route of solution.routes) {
      for (const [sequence, stop] of route.stops.entries()) {
        const visit = byId.get(stop.visitId);
        if (!visit) continue;
        await store.planVisit(trx, visit.id, { userId: route.vehicleId, sequence, plannedStart: new Date(shiftStart.getTime() + stop.start * 1000) });
        await grantAssignmentAccess(trx, {
          allianceId,
          clientId: visit.clientId,
          userId: route.vehicleId,
          organisationId: organisations.get(route.vehicleId) ?? '',
          reference: `visit:${visit.id}`,
          expiresAt: new Date(visit.windowEnd.getTime() + 2 * 3600_000),
        });
      }
    }
    for (const [visitId, reason] of reasons) await store.markUnplanned(trx, visitId, reason);
    await store.finishRun(trx, runId, { travelMinutes: solution.travelTime / 60, unassigned: solution.unassigned.length, stoppedEarly });
  });
}

export interface InsertionImpact {
  userId: string;
  /** Planned visits that inserting the acute job would push out of their window. */
  lateVisits: number;
  /** Which planned visits would be late, their window and by how many minutes. */
  late: { visitId: string; windowStart: Date; windowEnd: Date; lateMinutes: number }[];
  arrivalMinutes: number;
}

/**
 * The effect on each nurse's planned visits of fitting an acute job in now: the live insertion of the
 * route planner over tonight's stored plan. Empty when nothing is planned tonight.
 */
export async function insertionImpact(executor: Executor, allianceId: string, night: string, now: Date, acute: Omit<AcuteInput, 'id'>): Promise<InsertionImpact[]> {
  // Reads only, on the executor it is given, which may be the caller's transaction (automatic
  // dispatch): no transaction of its own, which under READ COMMITTED would not give the reads one
  // snapshot anyway. The shift and the plan are read side by side.
  const [shift, visits] = await Promise.all([allianceNight(executor, allianceId, night), store.roundsOf(executor, allianceId, night)]);
  if (!visits.some((v) => v.assigned_user_id)) return [];
  const nurses = await dutiesIn(executor, allianceId, shift.startsAt, shift.endsAt);
  const nowSeconds = (now.getTime() - shift.startsAt.getTime()) / 1000;
  const stored = storedSolution(shift.startsAt, visits);
  const windows = new Map(visits.map((v) => [v.id, v]));
  // One proposal per nurse (in the nurses' order): on time if she can be, then the fewest planned visits made late.
  return perNurseProblems(shift.startsAt, nurses, visits, { ...acute, id: 'acute' })
    .flatMap((problem) => proposeInsertions(livePlanAt(problem, stored, nowSeconds), 'acute'))
    .map((p) => ({
      userId: p.vehicleId,
      lateVisits: p.lateVisits.length,
      late: p.lateVisits.flatMap((l) => {
        const visit = windows.get(l.visitId);
        return visit ? [{ visitId: l.visitId, windowStart: visit.window_start, windowEnd: visit.window_end, lateMinutes: Math.ceil(l.lateness / 60) }] : [];
      }),
      arrivalMinutes: (p.arrival - nowSeconds) / 60,
    }));
}
