import { describe, expect, it } from 'vitest';
import { LocalSearch } from './local-search.js';
import { NEW_ROUTE_MOVES, NewRouteMoves } from './new-route-moves.js';
import { SolutionState } from './solution-state.js';
import { randomPlan, recompute } from './test-instances.js';

describe('NewRouteMoves', () => {
  for (const kind of NEW_ROUTE_MOVES) {
    it(`evaluates ${kind} exactly as a full recomputation and never applies it when it breaks a window`, () => {
      let feasibleSeen = 0;
      let infeasibleSeen = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const { cp, s, rng } = randomPlan(seed, 30, 10);
        const moves = new NewRouteMoves(cp);
        for (let trial = 0; trial < 50; trial++) {
          const u = rng.int(cp.nVisits);
          const r = rng.int(cp.nVehicles);
          if (s.routeOf[u]! < 0 || s.len[r] !== 0) continue;
          const before = recompute(cp, s);
          const delta = moves.evaluate(s, kind, u, r);
          const copy = new SolutionState(cp);
          copy.copyFrom(s);
          const applied = moves.apply(copy, kind, u, r);
          expect(applied).toBe(delta !== Infinity);
          if (!applied) {
            expect(recompute(cp, copy).cost).toBeCloseTo(before.cost, 9);
            infeasibleSeen++;
            continue;
          }
          const after = recompute(cp, copy);
          expect(after.feasible).toBe(true);
          expect(after.cost - before.cost).toBeCloseTo(delta, 6);
          expect(copy.routeOf[u]).toBe(r);
          expect(copy.usedRoutes()).toBe(s.usedRoutes() + 1);
          feasibleSeen++;
        }
      }
      expect(feasibleSeen).toBeGreaterThan(20);
      expect(infeasibleSeen).toBeGreaterThan(5);
    });
  }

  it('lets the distance objective open a route where that is shorter, but never the hierarchical one', () => {
    let opened = 0;
    // Opening a route pays on few random plans (9 of the first 600 seeds), so many are tried.
    for (let seed = 1; seed <= 300; seed++) {
      for (const objective of ['distance', 'hierarchical'] as const) {
        const { cp, s } = randomPlan(seed, 40, 10, (p) => p, objective);
        const used = s.usedRoutes();
        new LocalSearch(cp).run(s);
        expect(recompute(cp, s).feasible).toBe(true);
        if (objective === 'hierarchical') expect(s.usedRoutes()).toBeLessThanOrEqual(used);
        else if (s.usedRoutes() > used) opened++;
      }
    }
    expect(opened).toBeGreaterThan(0);
  });
});
