import { describe, expect, it } from 'vitest';
import { compileProblem } from './compiled-problem.js';
import type { ObjectiveKind } from './model.js';
import { createRandom } from './random.js';
import { Recreator } from './recreate.js';
import { chargedCost, SearchEngine } from './search-engine.js';
import { SolutionState } from './solution-state.js';
import { randomInstance, randomPlan, ruinRoutes, withSlope } from './test-instances.js';

/** A hierarchical engine on a random instance without capacities, so the fleet's lower bound is one route. */
function engineFor(seed: number, maxIterations: number, objective: ObjectiveKind = 'hierarchical'): SearchEngine {
  const rng = createRandom(seed);
  const p = randomInstance(rng, 30, 8);
  const uncapped = { ...p, vehicles: p.vehicles.map((v) => ({ ...v, capacity: undefined })) };
  const cp = compileProblem(uncapped, objective);
  const initial = new SolutionState(cp);
  const list = Int32Array.from({ length: cp.nVisits }, (_, i) => i);
  new Recreator(cp).run(initial, list, cp.nVisits, rng, Infinity, 0);
  return new SearchEngine(cp, initial, rng, { budgetMs: Infinity, maxIterations, settleIterations: Infinity });
}

describe('SearchEngine', () => {
  it('hands the hierarchical search to distance once routes stop coming off, long before half the work budget', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const engine = engineFor(seed, 10_000_000);
      while (engine.searchingFleet && engine.iterations < 200_000) engine.run(performance.now() + 50);
      expect(engine.searchingFleet).toBe(false);
      // The fleet is above its lower bound of one route, so only the dried-up removals can have ended it.
      expect(engine.best.usedRoutes()).toBeGreaterThan(1);
      expect(engine.best.unassignedCount()).toBe(0);
      expect(engine.iterations).toBeLessThan(200_000);
    }
  });

  it.each([
    { matrix: 'a symmetric', alter: undefined },
    { matrix: 'an asymmetric (sloped)', alter: withSlope },
  ])('charges a rebuild a cost that only grows as it places visits, so one that cannot be accepted may stop early, on $matrix matrix', ({ alter }) => {
    let dropped = 0;
    let spare = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { cp, s, rng } = randomPlan(seed, 120, 20, alter, 'hierarchical');
      const list = ruinRoutes(s, rng, 3);
      const fleet = s.used;
      const seen: number[] = [];
      const failed = new Recreator(cp).run(s, list, list.length, rng, fleet + 1, 0.01, Infinity, (state, left) => {
        seen.push(chargedCost(state, 0, left, 10, 20, fleet));
        return false;
      });
      expect(seen).toHaveLength(list.length);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]! - 1e-9);
      // Finished, it is charged what the annealing compares: every visit left out and the spare route.
      expect(failed).toBe(s.unassignedCount());
      expect(seen.at(-1)).toBeCloseTo(chargedCost(s, 0, s.unassignedCount(), 10, 20, fleet), 9);
      if (failed > 0) dropped++;
      if (s.used > fleet) spare++;
    }
    // Both charges must occur, or the monotony above proves little about them.
    expect(dropped).toBeGreaterThan(0);
    expect(spare).toBeGreaterThan(0);
  });

  it('leaves the rest of a rebuild unplaced once told to give up', () => {
    const { cp, s, rng } = randomPlan(1, 60, 8, undefined, 'hierarchical');
    const list = ruinRoutes(s, rng, 1);
    let asked = 0;
    let leftAtStop = 0;
    const answer = new Recreator(cp).run(s, list, list.length, rng, Infinity, 0, Infinity, (_, left) => {
      leftAtStop = left;
      return ++asked === 2;
    });
    expect(answer).toBe(-1);
    expect(asked).toBe(2);
    expect(s.unassignedCount()).toBe(list.length - 2 + leftAtStop);
  });

  it('rebuilds over every route in the hierarchical distance search with hard windows up to 400 visits, over the near routes above that and for the distance objective', () => {
    // Two windows for some visits keep every window hard (no time warp), as on tight-window instances.
    const scansEveryRoute = (nVisits: number, objective: ObjectiveKind) => {
      const { cp, s, rng } = randomPlan(2, nVisits, nVisits / 5, undefined, objective);
      const engine = new SearchEngine(cp, s, rng, { budgetMs: Infinity, maxIterations: 40, settleIterations: Infinity });
      engine.run(Infinity);
      expect(engine.searchingFleet).toBe(false);
      return engine.rebuildScansEveryRoute;
    };
    expect(scansEveryRoute(300, 'hierarchical')).toBe(true);
    expect(scansEveryRoute(450, 'hierarchical')).toBe(false);
    expect(scansEveryRoute(300, 'distance')).toBe(false);
  });

  it('reheats the distance search three times, cooling a hundredfold within each cycle', () => {
    const engine = engineFor(1, 30_000, 'distance');
    const hot = engine.temperature(0);
    for (const start of [1 / 3, 2 / 3]) {
      expect(engine.temperature(start - 1e-9)).toBeLessThan(hot / 90);
      expect(engine.temperature(start + 1e-9) / hot).toBeCloseTo(1, 6);
    }
    expect(engine.temperature(1) / hot).toBeCloseTo(0.01, 6);
  });
});
