import { describe, expect, it } from 'vitest';
import { compileProblem } from './compiled-problem.js';
import { createRandom } from './random.js';
import { Recreator } from './recreate.js';
import { SearchEngine } from './search-engine.js';
import { SolutionState } from './solution-state.js';
import { randomInstance } from './test-instances.js';

/** A hierarchical engine on a random instance without capacities, so the fleet's lower bound is one route. */
function engineFor(seed: number, maxIterations: number): SearchEngine {
  const rng = createRandom(seed);
  const p = randomInstance(rng, 30, 8);
  const uncapped = { ...p, vehicles: p.vehicles.map((v) => ({ ...v, capacity: undefined })) };
  const cp = compileProblem(uncapped, 'hierarchical');
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
});
