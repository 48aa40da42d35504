import type { Problem, Solution, SolveOptions, Vehicle, Visit } from './model.js';
import { solveAsync } from './solver.js';

/** Where and when a nurse is free to go on: after the visit in progress, or at the shift start. */
export interface NurseState {
  readonly vehicleId: string;
  readonly location: number;
  readonly availableAt: number;
}

/** The night plan at one moment: what each nurse still has to do, in order. */
export interface LivePlan {
  readonly problem: Problem;
  readonly nurses: readonly NurseState[];
  readonly routes: readonly { readonly vehicleId: string; readonly visits: readonly string[] }[];
}

export interface LateVisit {
  readonly visitId: string;
  /** Start after the window's end, in the problem's time unit. */
  readonly lateness: number;
}

export interface InsertionProposal {
  readonly vehicleId: string;
  /** Index in the nurse's remaining visits at which the acute visit goes. */
  readonly position: number;
  readonly arrival: number;
  readonly onTime: boolean;
  /** Arrival after the acute deadline, 0 when on time. */
  readonly acuteLateness: number;
  /** Planned visits that would newly miss (or miss more of) their window. */
  readonly lateVisits: readonly LateVisit[];
  readonly addedTravelTime: number;
  /** Return to the end location after the shift end. */
  readonly shiftOverrun: number;
}

/** The remaining plan at time `now`: visits started before `now` are done or in progress. */
export function livePlanAt(problem: Problem, solution: Solution, now: number): LivePlan {
  const nurses: NurseState[] = [];
  const routes: { vehicleId: string; visits: string[] }[] = [];
  const byId = new Map(problem.vehicles.map((v) => [v.id, v]));
  const visitLoc = new Map(problem.visits.map((v) => [v.id, v.location]));
  const routeOf = new Map(solution.routes.map((r) => [r.vehicleId, r]));
  for (const vehicle of problem.vehicles) {
    const route = routeOf.get(vehicle.id);
    const stops = route?.stops ?? [];
    const started = stops.filter((s) => s.start < now);
    const last = started.at(-1);
    nurses.push({
      vehicleId: vehicle.id,
      location: last ? visitLoc.get(last.visitId)! : byId.get(vehicle.id)!.startLocation,
      availableAt: Math.max(now, last ? last.departure : vehicle.shiftStart),
    });
    routes.push({ vehicleId: vehicle.id, visits: stops.slice(started.length).map((s) => s.visitId) });
  }
  return { problem, nurses, routes };
}

/** Start of service at `visit` when arriving at `arrival`; a late arrival is served late. */
function startAt(visit: Visit, arrival: number): { start: number; lateness: number } {
  if (visit.windows.length === 0) return { start: arrival, lateness: 0 };
  for (const w of visit.windows) if (arrival <= w.end) return { start: Math.max(arrival, w.start), lateness: 0 };
  return { start: arrival, lateness: arrival - visit.windows[visit.windows.length - 1]!.end };
}

interface Timeline {
  readonly starts: Float64Array;
  readonly lateness: Float64Array;
  readonly end: number;
  readonly travel: number;
}

/** Schedule of a sequence of visits from the nurse's current state. */
function simulate(problem: Problem, nurse: NurseState, vehicle: Vehicle, seq: readonly Visit[]): Timeline {
  const { seconds, size } = problem.matrix;
  const starts = new Float64Array(seq.length);
  const lateness = new Float64Array(seq.length);
  let time = nurse.availableAt;
  let at = nurse.location;
  let travel = 0;
  seq.forEach((v, i) => {
    const leg = seconds[at * size + v.location]!;
    travel += leg;
    const s = startAt(v, time + leg);
    starts[i] = s.start;
    lateness[i] = s.lateness;
    time = s.start + v.serviceDuration;
    at = v.location;
  });
  const back = seconds[at * size + vehicle.endLocation]!;
  return { starts, lateness, end: time + back, travel: travel + back };
}

/** Night-care order: acute on time, then fewest newly late visits, then least lateness, then travel. */
function compare(a: InsertionProposal, b: InsertionProposal): number {
  const lateSum = (p: InsertionProposal): number => p.lateVisits.reduce((s, l) => s + l.lateness, 0);
  return a.acuteLateness - b.acuteLateness || a.lateVisits.length - b.lateVisits.length || lateSum(a) + a.shiftOverrun - (lateSum(b) + b.shiftOverrun) || a.addedTravelTime - b.addedTravelTime;
}

/**
 * Effect of putting the acute visit at position p. The schedule before p is unchanged; after it the
 * delay is propagated only until it is absorbed by waiting, from where the baseline holds again.
 */
function evaluatePosition(plan: LivePlan, nurse: NurseState, vehicle: Vehicle, acute: Visit, remaining: readonly Visit[], base: Timeline, p: number): InsertionProposal {
  const { seconds, size } = plan.problem.matrix;
  const leg = (a: number, b: number): number => seconds[a * size + b]!;
  const prevLoc = p === 0 ? nurse.location : remaining[p - 1]!.location;
  const free = p === 0 ? nurse.availableAt : base.starts[p - 1]! + remaining[p - 1]!.serviceDuration;
  const nextLoc = p < remaining.length ? remaining[p]!.location : vehicle.endLocation;
  const arrival = free + leg(prevLoc, acute.location);
  const deadline = acute.acute?.deadline ?? Infinity;
  let time = startAt(acute, arrival).start + acute.serviceDuration;
  let at = acute.location;
  const lateVisits: LateVisit[] = [];
  let end = base.end;
  let i = p;
  for (; i < remaining.length; i++) {
    const v = remaining[i]!;
    const s = startAt(v, time + leg(at, v.location));
    if (s.start <= base.starts[i]!) break;
    if (s.lateness > base.lateness[i]! + 1e-9) lateVisits.push({ visitId: v.id, lateness: s.lateness });
    time = s.start + v.serviceDuration;
    at = v.location;
  }
  if (i === remaining.length) end = time + leg(at, vehicle.endLocation);
  return {
    vehicleId: nurse.vehicleId,
    position: p,
    arrival,
    onTime: arrival <= deadline,
    acuteLateness: Math.max(0, arrival - deadline),
    lateVisits,
    addedTravelTime: leg(prevLoc, acute.location) + leg(acute.location, nextLoc) - leg(prevLoc, nextLoc),
    shiftOverrun: Math.max(0, end - vehicle.shiftEnd) - Math.max(0, base.end - vehicle.shiftEnd),
  };
}

function bestForNurse(plan: LivePlan, nurse: NurseState, vehicle: Vehicle, acute: Visit, visits: Map<string, Visit>): InsertionProposal {
  const remaining = (plan.routes.find((r) => r.vehicleId === nurse.vehicleId)?.visits ?? []).map((id) => visits.get(id)!);
  const base = simulate(plan.problem, nurse, vehicle, remaining);
  let best: InsertionProposal | undefined;
  for (let p = 0; p <= remaining.length; p++) {
    const candidate = evaluatePosition(plan, nurse, vehicle, acute, remaining, base, p);
    if (!best || compare(candidate, best) < 0) best = candidate;
    // Going later only delays the acute visit further; stop once it is late and a timely option exists.
    if (best.onTime && !candidate.onTime) break;
  }
  return best!;
}

/**
 * For every nurse with the required skills, the best place in her remaining round for the acute
 * visit and what it costs the planned visits; best nurse first.
 */
export function proposeInsertions(plan: LivePlan, acuteVisitId: string): InsertionProposal[] {
  const visits = new Map(plan.problem.visits.map((v) => [v.id, v]));
  const acute = visits.get(acuteVisitId);
  if (!acute) throw new RangeError(`unknown visit ${acuteVisitId}`);
  const vehicles = new Map(plan.problem.vehicles.map((v) => [v.id, v]));
  const proposals: InsertionProposal[] = [];
  for (const nurse of plan.nurses) {
    const vehicle = vehicles.get(nurse.vehicleId);
    if (!vehicle || nurse.availableAt > vehicle.shiftEnd) continue;
    if ((acute.requiredSkills ?? []).some((s) => !(vehicle.skills ?? []).includes(s))) continue;
    proposals.push(bestForNurse(plan, nurse, vehicle, acute, visits));
  }
  return proposals.sort(compare);
}

/**
 * Re-plans the rest of the night with the acute visit inserted, starting from the chosen proposal,
 * under the night-care objective and a time budget. Windows stay hard: a planned visit that can no
 * longer be served in its window is returned in `unassigned` for the dispatcher to reschedule.
 */
export async function reoptimise(
  plan: LivePlan,
  acuteVisitId: string,
  chosen: InsertionProposal,
  options: SolveOptions & { readonly signal?: AbortSignal } = {},
): Promise<Replan> {
  const wanted = new Set([acuteVisitId, ...plan.routes.flatMap((r) => r.visits)]);
  const state = new Map(plan.nurses.map((n) => [n.vehicleId, n]));
  const vehicles = plan.problem.vehicles
    .filter((v) => state.has(v.id))
    .map((v) => ({ ...v, startLocation: state.get(v.id)!.location, shiftStart: state.get(v.id)!.availableAt }));
  // If no nurse can make the deadline, the chosen arrival becomes it: the alarm is never dropped.
  const relax = (v: Visit): Visit =>
    v.id === acuteVisitId && v.acute && chosen.arrival > v.acute.deadline
      ? { ...v, acute: { ...v.acute, deadline: chosen.arrival }, windows: v.windows.map((w) => ({ start: w.start, end: Math.max(w.end, chosen.arrival) })) }
      : v;
  const problem: Problem = { ...plan.problem, vehicles, visits: plan.problem.visits.filter((v) => wanted.has(v.id)).map(relax) };
  const initialRoutes = plan.routes.map((r) => {
    if (r.vehicleId !== chosen.vehicleId) return r;
    return { vehicleId: r.vehicleId, visits: [...r.visits.slice(0, chosen.position), acuteVisitId, ...r.visits.slice(chosen.position)] };
  });
  const solution = await solveAsync(problem, { timeLimitMs: 200, ...options, objective: 'night-care', initialRoutes });
  return { problem, solution };
}

/** The re-planned rest of the night and the problem it solves (nurses starting where they are now). */
export interface Replan {
  readonly problem: Problem;
  readonly solution: Solution;
}
