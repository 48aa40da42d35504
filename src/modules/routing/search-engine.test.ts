import { describe, expect, it } from 'vitest';
import { compileProblem } from './compiled-problem.js';
import type { ObjectiveKind } from './model.js';
import { createRandom } from './random.js';
import { Recreator } from './recreate.js';
import { SearchEngine } from './search-engine.js';
import { SolutionState } from './solution-state.js';
import { randomInstance } from './test-instances.js';

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
