import { describe, expect, it } from 'vitest';
import { compileProblem, type CompiledProblem } from './compiled-problem.js';
import type { Location, Problem, Visit } from './model.js';
import { createRandom } from './random.js';
import { Recreator } from './recreate.js';
import { SolutionState } from './solution-state.js';
import { euclideanMatrix } from './solomon.js';
import { randomPlan, recompute, withSlope } from './test-instances.js';

/** The routes holding one of u's 100 nearest visits, as the granular recreate defines them. */
function nearRoutes(cp: CompiledProblem, s: SolutionState, u: number): Set<number> {
  const n = cp.nVisits;
  const routes = new Set<number>();
  for (let k = 0; k < Math.min(100, n - 1); k++) {
    const r = s.routeOf[cp.neighbours[u * (n - 1) + k]!]!;
    if (r >= 0) routes.add(r);
  }
  return routes;
}

/** Cheapest feasible insertion of u over `routes`, by trying every position and re-simulating the plan. */
function bruteForce(cp: CompiledProblem, s: SolutionState, u: number, routes: Iterable<number>): number {
  const trial = new SolutionState(cp);
  let best = Infinity;
  for (const r of routes) {
    for (let p = 0; p <= s.len[r]!; p++) {
      trial.copyFrom(s);
      trial.insert(u, r, p);
      if (recompute(cp, trial).feasible) best = Math.min(best, trial.routeSum - s.routeSum);
    }
  }
  return best;
}

describe('the granular recreate', () => {
  it.each([
    { matrix: 'a symmetric', alter: (p: Problem) => p, symmetric: true },
    { matrix: 'an asymmetric (sloped)', alter: withSlope, symmetric: false },
  ])('inserts at the cheapest feasible position in the routes near the visit (or an empty route), else anywhere, on $matrix matrix', ({ alter, symmetric }) => {
    let checked = 0;
    for (let seed = 1; seed <= 3; seed++) {
      const { cp, s, rng } = randomPlan(seed, 260, 40, alter);
      // The scans read arcs into a visit from the transposed matrix, which is the matrix itself only when symmetric.
      expect(cp.timeIn === cp.time).toBe(symmetric);
      const recreator = new Recreator(cp);
      for (let i = 0; i < 15; i++) {
        const u = rng.int(cp.nVisits);
        const r = s.routeOf[u]!;
        if (r < 0) continue;
        s.clearRoute(r);
        const empties = Array.from({ length: cp.nVehicles }, (_, k) => k).filter((k) => s.len[k] === 0);
        const near = bruteForce(cp, s, u, [...nearRoutes(cp, s, u), ...empties]);
        const expected = near < Infinity ? near : bruteForce(cp, s, u, cp.vehicleIds.keys());
        const before = s.routeSum;
        const placed = recreator.insertCheapest(s, u, rng, Infinity, 0);
        expect(placed).toBe(expected < Infinity);
        if (placed) expect(s.routeSum - before).toBeCloseTo(expected, 6);
        expect(recompute(cp, s).feasible).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it.each([
    { matrix: 'a symmetric', alter: (p: Problem) => p },
    { matrix: 'an asymmetric (sloped)', alter: withSlope },
  ])('scanning every route, puts a visit taken out of a plan back at the cheapest feasible position, on $matrix matrix', ({ alter }) => {
    let checked = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const { cp, s, rng } = randomPlan(seed, 120, 16, alter);
      const recreator = new Recreator(cp, Infinity);
      const removed = new Uint8Array(cp.nVisits);
      for (let i = 0; i < 40; i++) {
        const u = rng.int(cp.nVisits);
        const r = s.routeOf[u]!;
        if (r < 0 || s.len[r] === 1) continue;
        removed[u] = 1;
        s.markRemoved(u);
        s.compact(r, removed);
        removed[u] = 0;
        const expected = bruteForce(cp, s, u, cp.vehicleIds.keys());
        const before = s.routeSum;
        expect(recreator.insertCheapest(s, u, rng, s.used, 0)).toBe(true);
        expect(s.routeSum - before).toBeCloseTo(expected, 6);
        expect(recompute(cp, s).feasible).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('finds a position where the next visit must start the moment the new one is done', () => {
    // Two clients at one address: u is served 30..35 and b must start at 35 exactly, so the scan's skip
    // of the positions before u's window has to stop right at its bound.
    const locations: Location[] = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }];
    const visit = (id: string, location: number, start: number, end: number): Visit => ({ id, location, windows: [{ start, end }], serviceDuration: 5 });
    const visits = [visit('a', 1, 0, 100), visit('b', 2, 35, 35), visit('u', 2, 30, 30)];
    const vehicles = [{ id: 'n', shiftStart: 0, shiftEnd: 1000, startLocation: 0, endLocation: 0 }];
    const cp = compileProblem({ locations, matrix: euclideanMatrix(locations), vehicles, visits }, 'distance');
    const s = new SolutionState(cp);
    s.insert(0, 0, 0);
    s.insert(1, 0, 1);
    expect(recompute(cp, s).feasible).toBe(true);
    expect(new Recreator(cp, Infinity).insertCheapest(s, 2, createRandom(1), 1, 0)).toBe(true);
    expect(Array.from(s.nodes[0]!.subarray(1, 4))).toEqual([0, 2, 1]);
    expect(recompute(cp, s).feasible).toBe(true);
  });

  it('places a visit that only a far route can take (here by skill), after its near routes refuse it', () => {
    // 120 visits around (10, 10), 10 around (90, 90); only the vehicle serving the far cluster has the skill.
    const locations: Location[] = [{ x: 50, y: 50 }];
    const visits: Visit[] = [];
    const add = (x: number, y: number, skills: string[]) => {
      locations.push({ x, y });
      visits.push({ id: `v${visits.length}`, location: locations.length - 1, windows: [{ start: 0, end: 100_000 }], serviceDuration: 1, requiredSkills: skills });
    };
    for (let i = 0; i < 120; i++) add(5 + (i % 11), 5 + Math.floor(i / 11), []);
    for (let i = 0; i < 10; i++) add(88 + (i % 5), 88 + Math.floor(i / 5), []);
    add(10, 10, ['lift']);
    const vehicles = Array.from({ length: 4 }, (_, k) => ({ id: `n${k}`, shiftStart: 0, shiftEnd: 100_000, startLocation: 0, endLocation: 0, skills: k === 0 ? ['lift'] : [] }));
    const problem: Problem = { locations, matrix: euclideanMatrix(locations), vehicles, visits };
    const cp = compileProblem(problem, 'distance');
    const s = new SolutionState(cp);
    for (let u = 0; u < 120; u++) s.insert(u, 1 + (u % 3), s.len[1 + (u % 3)]!);
    for (let u = 120; u < 130; u++) s.insert(u, 0, s.len[0]!);
    const u = 130;
    expect(nearRoutes(cp, s, u).has(0)).toBe(false);
    expect(new Recreator(cp).insertCheapest(s, u, createRandom(1), s.used, 0)).toBe(true);
    expect(s.routeOf[u]).toBe(0);
    expect(recompute(cp, s).feasible).toBe(true);
  });
});
