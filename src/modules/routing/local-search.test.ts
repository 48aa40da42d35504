import { describe, expect, it } from 'vitest';
import type { CompiledProblem } from './compiled-problem.js';
import { LocalSearch, MOVES } from './local-search.js';
import type { Random } from './random.js';
import { SolutionState } from './solution-state.js';
import { randomPlan, recompute } from './test-instances.js';

function assignedPair(cp: CompiledProblem, s: SolutionState, rng: Random): [number, number] {
  for (;;) {
    const u = rng.int(cp.nVisits);
    const v = rng.int(cp.nVisits);
    if (u !== v && s.routeOf[u]! >= 0 && s.routeOf[v]! >= 0) return [u, v];
  }
}

describe('LocalSearch', () => {
  for (const kind of MOVES) {
    it(`evaluates ${kind} in constant work exactly as a full recomputation of the changed plan`, () => {
      let feasibleSeen = 0;
      let infeasibleSeen = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const { cp, s, rng } = randomPlan(seed, 30, 6);
        const ls = new LocalSearch(cp);
        for (let trial = 0; trial < 100; trial++) {
          const [u, v] = assignedPair(cp, s, rng);
          const before = recompute(cp, s).cost;
          const delta = ls.evaluate(s, kind, u, v);
          const copy = new SolutionState(cp);
          copy.copyFrom(s);
          // Apply regardless of the verdict to learn what a full recomputation says about the result.
          try {
            ls.apply(copy, kind, u, v);
          } catch {
            continue; // the move does not apply to this pair (e.g. capacity, v inside the string)
          }
          const after = recompute(cp, copy);
          // The constant-work filter of the polish sees every applicable move's arc change, on time or not.
          expect(ls.arcDelta(s, kind, u, v)).toBeCloseTo(copy.routeSum - s.routeSum, 9);
          if (delta === Infinity) {
            expect(after.feasible).toBe(false);
            infeasibleSeen++;
          } else {
            expect(after.feasible).toBe(true);
            expect(after.cost - before).toBeCloseTo(delta, 6);
            expect(copy.routeSum - s.routeSum).toBeCloseTo(delta, 6);
            feasibleSeen++;
            if (delta < 0) s.copyFrom(copy);
          }
        }
      }
      // Both verdicts must occur often, or the comparison above proves little.
      expect(feasibleSeen).toBeGreaterThan(20);
      expect(infeasibleSeen).toBeGreaterThan(20);
    });
  }

  it('polishes a plan to a shorter one that still keeps every window, load and skill', () => {
    for (const objective of ['distance', 'hierarchical'] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const { cp, s } = randomPlan(seed, 40, 6, undefined, objective);
        const before = recompute(cp, s);
        const assigned = cp.nVisits - s.unassignedCount();
        const used = s.usedRoutes();
        const ls = new LocalSearch(cp);
        ls.run(s);
        const after = recompute(cp, s);
        expect(before.feasible).toBe(true);
        expect(after.feasible).toBe(true);
        expect(after.cost).toBeLessThanOrEqual(before.cost + 1e-9);
        expect(s.routeSum).toBeCloseTo(after.cost, 6);
        expect(cp.nVisits - s.unassignedCount()).toBe(assigned);
        // Only the distance objective may open a route (where that is shorter, `NewRouteMoves`).
        if (objective === 'hierarchical') expect(s.usedRoutes()).toBeLessThanOrEqual(used);
        if (seed === 1) expect(after.cost).toBeLessThan(before.cost - 1);
      }
    }
  });

  it('leaves no improving move behind', () => {
    const { cp, s } = randomPlan(3, 40, 6);
    const ls = new LocalSearch(cp);
    ls.run(s);
    for (let u = 0; u < cp.nVisits; u++) {
      for (let v = 0; v < cp.nVisits; v++) {
        if (u === v || s.routeOf[u]! < 0 || s.routeOf[v]! < 0) continue;
        const near = Array.from(cp.neighbours.subarray(u * (cp.nVisits - 1), u * (cp.nVisits - 1) + 20)).includes(v);
        if (!near) continue;
        for (const kind of MOVES) expect(ls.evaluate(s, kind, u, v)).toBeGreaterThanOrEqual(-1e-9);
      }
    }
  });
});
