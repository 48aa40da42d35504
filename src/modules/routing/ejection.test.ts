import { describe, expect, it } from 'vitest';
import { compileProblem } from './compiled-problem.js';
import { Ejector } from './ejection.js';
import type { Location, Problem, Visit } from './model.js';
import { createRandom } from './random.js';
import { Recreator } from './recreate.js';
import { SolutionState } from './solution-state.js';
import { euclideanMatrix } from './solomon.js';
import { randomPlan, recompute, ruinRoutes } from './test-instances.js';

/**
 * Two routes of capacity 10: A (a 6, b 4) is full, B (c 4) must reach c by 10. The new visit u (6)
 * has a window only A can keep, and no room there; a can move to B.
 */
function fullRoutes(): { problem: Problem; a: number; b: number; c: number; u: number } {
  const locations: Location[] = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }, { x: -10, y: 0 }, { x: 15, y: 0 }];
  const visit = (id: string, location: number, demand: number, start: number, end: number): Visit => ({ id, location, demand, windows: [{ start, end }], serviceDuration: 0 });
  const visits = [visit('a', 1, 6, 0, 1000), visit('b', 2, 4, 0, 1000), visit('c', 3, 4, 0, 10), visit('u', 4, 6, 15, 16)];
  const vehicles = ['A', 'B'].map((id) => ({ id, shiftStart: 0, shiftEnd: 1000, startLocation: 0, endLocation: 0, capacity: 10 }));
  return { problem: { locations, matrix: euclideanMatrix(locations), vehicles, visits }, a: 0, b: 1, c: 2, u: 3 };
}

describe('exchanges into full routes', () => {
  it('places a visit that no route has room for by moving a visit of a full route to a route with room', () => {
    const { problem, a, b, c, u } = fullRoutes();
    const cp = compileProblem(problem, 'distance');
    const build = (): SolutionState => {
      const s = new SolutionState(cp);
      s.insert(a, 0, 0);
      s.insert(b, 0, 1);
      s.insert(c, 1, 0);
      return s;
    };
    const recreator = new Recreator(cp);
    const without = build();
    expect(recreator.run(without, Int32Array.from([u]), 1, createRandom(1), 2, 0)).toBe(1);

    const s = build();
    const ejector = new Ejector(cp, recreator);
    ejector.fleet = 2;
    const list = new Int32Array(cp.nVisits);
    list[0] = u;
    expect(recreator.run(s, list, 1, createRandom(1), 2, 0, Infinity, undefined, ejector)).toBe(0);
    expect(Array.from(s.nodes[0]!.subarray(1, s.len[0]! + 1))).toEqual([u, b]);
    expect(Array.from(s.nodes[1]!.subarray(1, s.len[1]! + 1))).toEqual([c, a]);
    expect(s.used).toBe(2);
    expect(recompute(cp, s).feasible).toBe(true);
  });

  it('keeps every plan within capacity and windows, each visit placed once or counted as not placed', () => {
    let ejected = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { cp, s, rng } = randomPlan(seed, 80, 12);
      const recreator = new Recreator(cp);
      const ejector = new Ejector(cp, recreator);
      for (let round = 0; round < 10; round++) {
        // The fleet before the ruin, so that the rebuild may reopen the route it emptied.
        const fleet = s.used;
        const out = ruinRoutes(s, rng, 1);
        const list = new Int32Array(cp.nVisits);
        list.set(out);
        ejector.fleet = fleet;
        const moved = s.routeOf.slice();
        const failed = recreator.run(s, list, out.length, rng, fleet, 0.01, Infinity, undefined, ejector);
        expect(failed).toBe(s.unassignedCount());
        expect(recompute(cp, s).feasible).toBe(true);
        const seen = new Set<number>();
        for (let r = 0; r < cp.nVehicles; r++) {
          for (let p = 1; p <= s.len[r]!; p++) {
            const v = s.nodes[r]![p]!;
            expect(seen.has(v)).toBe(false);
            seen.add(v);
            if (moved[v]! >= 0 && moved[v] !== r) ejected++;
          }
        }
        expect(seen.size).toBe(cp.nVisits - s.unassignedCount());
      }
    }
    // Visits placed before the rebuild changed route: exchanges took place.
    expect(ejected).toBeGreaterThan(10);
  });
});
