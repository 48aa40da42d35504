import { describe, expect, it } from 'vitest';
import type { CompiledProblem } from './compiled-problem.js';
import { LocalSearch, MOVES } from './local-search.js';
import type { Random } from './random.js';
import { Recreator } from './recreate.js';
import { SolutionState } from './solution-state.js';
import { randomPlan, recompute, routeLists, ruinRoutes } from './test-instances.js';

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
    for (let seed = 1; seed <= 10; seed++) {
      const { cp, s } = randomPlan(seed, 40, 6);
      const ls = new LocalSearch(cp);
      ls.run(s);
      for (let u = 0; u < cp.nVisits; u++) {
        if (s.routeOf[u]! < 0) continue;
        for (const v of cp.neighbours.subarray(u * (cp.nVisits - 1), u * (cp.nVisits - 1) + 20)) {
          if (s.routeOf[v]! < 0) continue;
          for (const kind of MOVES) expect(ls.evaluate(s, kind, u, v)).toBeGreaterThanOrEqual(-1e-9);
        }
      }
    }
  });

  it('polishes a plan as a fresh search would after it has polished another one (its skips follow the routes)', () => {
    let differentFromStart = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { cp, s, rng } = randomPlan(seed, 60, 8);
      // Another plan sharing some of s's routes unpolished, and rebuilt ones.
      const other = new SolutionState(cp);
      other.copyFrom(s);
      const list = ruinRoutes(other, rng, 3);
      new Recreator(cp).run(other, list, list.length, rng, Infinity, 0.5);
      const reused = new LocalSearch(cp);
      reused.run(s);
      const byReused = new SolutionState(cp);
      byReused.copyFrom(other);
      reused.run(byReused);
      const byFresh = new SolutionState(cp);
      byFresh.copyFrom(other);
      new LocalSearch(cp).run(byFresh);
      expect(routeLists(byReused)).toEqual(routeLists(byFresh));
      if (byFresh.routeSum < other.routeSum - 1e-6) differentFromStart++;
      // And once more on s itself: polished, it stays as it is.
      const polished = routeLists(s);
      expect(reused.run(s)).toBe(false);
      expect(routeLists(s)).toEqual(polished);
    }
    expect(differentFromStart).toBeGreaterThan(6);
  });
});
