import { describe, expect, it } from 'vitest';
import { Ruiner } from './ruin.js';
import { randomPlan, ruinRoutes } from './test-instances.js';

describe('Ruiner', () => {
  it('ruins the neighbourhood of the visit it is given, even one that is not placed', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const { cp, s, rng } = randomPlan(seed, 120, 20, undefined, 'hierarchical');
      const left = ruinRoutes(s, rng, 1);
      const u = left[rng.int(left.length)]!;
      // The route of u's nearest placed visit is the first the ruin reaches from u.
      const row = cp.neighbours.subarray(u * (cp.nVisits - 1), (u + 1) * (cp.nVisits - 1));
      const nearest = row.find((v) => s.routeOf[v]! >= 0)!;
      const route = s.routeOf[nearest]!;
      const before = s.len[route]!;
      const ruiner = new Ruiner(cp);
      ruiner.run(s, rng, u);
      expect(ruiner.count).toBeGreaterThan(0);
      expect(s.len[route]).toBeLessThan(before);
      expect(s.routeOf[u]).toBe(-1);
    }
  });
});
