import { compileProblem, type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import { euclideanMatrix } from './solomon.js';
import type { Location, ObjectiveKind, Problem, Vehicle, Visit } from './model.js';
import { createRandom, type Random } from './random.js';
import { Recreator } from './recreate.js';
import { SolutionState } from './solution-state.js';

/**
 * Random small instances for the property tests: planar coordinates, one or two windows per visit,
 * optional skills and capacity, heterogeneous vehicles. Lives beside the tests that use it.
 */
export function randomInstance(rng: Random, nVisits: number, nVehicles: number): Problem {
  const locations: Location[] = [{ x: 50, y: 50 }];
  const visits: Visit[] = [];
  for (let i = 0; i < nVisits; i++) {
    locations.push({ x: rng.int(101), y: rng.int(101) });
    const a = rng.int(300);
    const windows = rng.next() < 0.2 ? [{ start: a, end: a + 40 }, { start: a + 120, end: a + 200 }] : [{ start: a, end: a + 20 + rng.int(200) }];
    visits.push({
      id: `c${i + 1}`,
      location: i + 1,
      windows,
      serviceDuration: rng.int(20),
      demand: 1 + rng.int(10),
      requiredSkills: rng.next() < 0.2 ? ['wound-care'] : [],
      acute: rng.next() < 0.1 ? { deadline: a + 60 } : undefined,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let k = 0; k < nVehicles; k++) {
    vehicles.push({
      id: `n${k + 1}`,
      shiftStart: 0,
      shiftEnd: 500 + rng.int(200),
      startLocation: 0,
      endLocation: 0,
      skills: k % 2 === 0 ? ['wound-care'] : [],
      capacity: 20 + rng.int(30),
    });
  }
  return { locations, matrix: euclideanMatrix(locations), vehicles, visits };
}

/**
 * The same instance on an asymmetric matrix: every leg takes 0.4 × its rise in y longer (shorter when
 * it falls), as on a slope. Built on a potential, so the triangle inequality the scans rely on holds.
 */
export function withSlope(p: Problem): Problem {
  const { size, seconds, meters } = p.matrix;
  const rise = (a: number, b: number): number => 0.4 * (p.locations[b]!.y - p.locations[a]!.y);
  const slope = (m: Float64Array) => Float64Array.from({ length: size * size }, (_, i) => {
    const a = Math.floor(i / size);
    const b = i % size;
    return a === b ? 0 : m[i]! + rise(a, b);
  });
  return { ...p, matrix: { ...p.matrix, seconds: slope(seconds), meters: slope(meters) } };
}

/**
 * A random feasible plan: cheapest insertion with many blinks, so routes are far from optimal. Odd
 * seeds give one vehicle type (2-opt* only exchanges tails between vehicles of one type).
 */
export function randomPlan(
  seed: number,
  nVisits: number,
  nVehicles: number,
  alter: (p: Problem, rng: Random) => Problem = (p) => p,
  objective: ObjectiveKind = 'distance',
): { cp: CompiledProblem; s: SolutionState; rng: Random } {
  const rng = createRandom(seed);
  const p = alter(randomInstance(rng, nVisits, nVehicles), rng);
  const uniform = seed % 2 === 1 ? { ...p, vehicles: p.vehicles.map((v) => ({ ...v, shiftEnd: 600, skills: ['wound-care'], capacity: 60 })) } : p;
  const cp = compileProblem(uniform, objective);
  const s = new SolutionState(cp);
  const list = Int32Array.from({ length: cp.nVisits }, (_, i) => i);
  new Recreator(cp).run(s, list, cp.nVisits, rng, Infinity, 0.5);
  return { cp, s, rng };
}

/** The visits `s` leaves out, in index order. */
export function unplacedVisits(s: SolutionState): Int32Array {
  return Int32Array.from(s.routeOf.keys()).filter((u) => s.routeOf[u]! < 0);
}

/** Each route's visits in order, empty routes included: two states with equal lists hold the same plan. */
export function routeLists(s: SolutionState): number[][] {
  return [...s.len.keys()].map((r) => Array.from(s.nodes[r]!.subarray(1, s.len[r]! + 1)));
}

/** Empties `routes` random non-empty routes, as a ruin would, and returns the visits left unplaced. */
export function ruinRoutes(s: SolutionState, rng: Random, routes: number): Int32Array {
  for (let k = 0; k < routes; k++) {
    const used = [...s.len.keys()].filter((r) => s.len[r]! > 0);
    s.clearRoute(used[rng.int(used.length)]!);
  }
  return unplacedVisits(s);
}

/** Full recomputation written apart from the solver: simulates every route from its start. */
export function recompute(cp: CompiledProblem, s: SolutionState): { cost: number; feasible: boolean } {
  const size = cp.nNodes;
  let cost = 0;
  let feasible = true;
  for (let r = 0; r < cp.nVehicles; r++) {
    const nodes = s.nodes[r]!;
    let t = cp.open[nodes[0]!]!;
    let load = 0;
    for (let i = 1; i <= s.len[r]! + 1; i++) {
      const a = nodes[i - 1]!;
      const b = nodes[i]!;
      cost += cp.cost[a * size + b]!;
      t = i <= s.len[r]! ? serviceStart(cp, b, t + cp.service[a]! + cp.time[a * size + b]!) : t + cp.service[a]! + cp.time[a * size + b]!;
      if (i <= s.len[r]!) {
        load += cp.demand[b]!;
        if ((cp.vehicleSkills[r]! & cp.requiredSkills[b]!) !== cp.requiredSkills[b]) feasible = false;
      }
      if (t === Infinity) feasible = false;
    }
    if (t > cp.close[nodes[s.len[r]! + 1]!]! + EPS || load > cp.capacity[r]!) feasible = false;
  }
  return { cost, feasible };
}
