import type { Problem, Solution } from './model.js';

/**
 * Independent feasibility checker. It deliberately shares no code with the solver (only the public
 * types) and recomputes every schedule from scratch, so a solver bug cannot hide behind shared logic.
 */

export type ViolationKind =
  | 'time-window'
  | 'acute-deadline'
  | 'capacity'
  | 'skill'
  | 'shift-end'
  | 'missed-visit'
  | 'duplicate-visit'
  | 'unknown-visit'
  | 'unknown-vehicle'
  | 'vehicle-reused';

export interface Violation {
  readonly kind: ViolationKind;
  readonly vehicleId?: string;
  readonly visitId?: string;
  readonly message: string;
}

export interface CheckReport {
  readonly feasible: boolean;
  readonly violations: readonly Violation[];
  readonly vehicles: number;
  /** Recomputed total distance and travel time. */
  readonly distance: number;
  readonly travelTime: number;
}

export interface CheckOptions {
  /**
   * `euclidean`: recompute distance (= time) from the coordinates, as the Solomon convention defines it;
   * `matrix`: read the problem's travel matrix (for road-network data the checker cannot recompute).
   */
  readonly distances?: 'euclidean' | 'matrix';
  /** Accept visits listed in `solution.unassigned` (night care may leave some out). */
  readonly allowUnassigned?: boolean;
  /** Absolute tolerance for time comparisons. */
  readonly tolerance?: number;
}

type Leg = (from: number, to: number) => { time: number; distance: number };

function legFunction(problem: Problem, mode: 'euclidean' | 'matrix'): Leg {
  if (mode === 'euclidean') {
    return (from, to) => {
      const a = problem.locations[from]!;
      const b = problem.locations[to]!;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      return { time: d, distance: d };
    };
  }
  const m = problem.matrix;
  return (from, to) => ({ time: m.seconds[from * m.size + to]!, distance: m.meters[from * m.size + to]! });
}

export function checkSolution(problem: Problem, solution: Solution, options: CheckOptions = {}): CheckReport {
  const tol = options.tolerance ?? 1e-6;
  const leg = legFunction(problem, options.distances ?? 'matrix');
  const violations: Violation[] = [];
  const add = (kind: ViolationKind, message: string, vehicleId?: string, visitId?: string): void => {
    violations.push({ kind, message, vehicleId, visitId });
  };
  const visits = new Map(problem.visits.map((v) => [v.id, v]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Map<string, number>();
  const usedVehicles = new Set<string>();
  let distance = 0;
  let travelTime = 0;
  let vehicleCount = 0;

  for (const route of solution.routes) {
    const vehicle = vehicles.get(route.vehicleId);
    if (!vehicle) {
      add('unknown-vehicle', `vehicle ${route.vehicleId} does not exist`, route.vehicleId);
      continue;
    }
    if (usedVehicles.has(vehicle.id)) add('vehicle-reused', `vehicle ${vehicle.id} has two routes`, vehicle.id);
    usedVehicles.add(vehicle.id);
    if (route.visits.length > 0) vehicleCount++;
    const skills = new Set(vehicle.skills ?? []);
    let time = vehicle.shiftStart;
    let at = vehicle.startLocation;
    let load = 0;
    for (const id of route.visits) {
      const visit = visits.get(id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (!visit) {
        add('unknown-visit', `visit ${id} does not exist`, vehicle.id, id);
        continue;
      }
      const l = leg(at, visit.location);
      distance += l.distance;
      travelTime += l.time;
      const arrival = time + l.time;
      let start = arrival;
      if (visit.windows.length > 0) {
        const window = visit.windows.find((w) => arrival <= w.end + tol);
        if (window) start = Math.max(arrival, window.start);
        else add('time-window', `visit ${id} reached at ${arrival}, after its last window closes`, vehicle.id, id);
      }
      if (visit.acute && start > visit.acute.deadline + tol) {
        add('acute-deadline', `acute visit ${id} starts at ${start}, deadline ${visit.acute.deadline}`, vehicle.id, id);
      }
      for (const s of visit.requiredSkills ?? []) {
        if (!skills.has(s)) add('skill', `vehicle ${vehicle.id} lacks skill ${s} for visit ${id}`, vehicle.id, id);
      }
      load += visit.demand ?? 0;
      time = start + visit.serviceDuration;
      at = visit.location;
    }
    if (vehicle.capacity !== undefined && load > vehicle.capacity + tol) {
      add('capacity', `vehicle ${vehicle.id} carries ${load} > ${vehicle.capacity}`, vehicle.id);
    }
    if (route.visits.length > 0) {
      const back = leg(at, vehicle.endLocation);
      distance += back.distance;
      travelTime += back.time;
      if (time + back.time > vehicle.shiftEnd + tol) {
        add('shift-end', `vehicle ${vehicle.id} ends at ${time + back.time} > ${vehicle.shiftEnd}`, vehicle.id);
      }
    }
  }

  const excused = new Set(options.allowUnassigned ? solution.unassigned : []);
  for (const visit of problem.visits) {
    const count = seen.get(visit.id) ?? 0;
    if (count > 1) add('duplicate-visit', `visit ${visit.id} is served ${count} times`, undefined, visit.id);
    if (count === 0 && !excused.has(visit.id)) add('missed-visit', `visit ${visit.id} is not served`, undefined, visit.id);
  }
  return { feasible: violations.length === 0, violations, vehicles: vehicleCount, distance, travelTime };
}
