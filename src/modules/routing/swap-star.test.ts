import { describe, expect, it } from 'vitest';
import { type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import { LocalSearch } from './local-search.js';
import type { Problem } from './model.js';
import type { Random } from './random.js';
import { SolutionState } from './solution-state.js';
import { SwapStar } from './swap-star.js';
import { randomPlan, recompute, routeLists, withSlope } from './test-instances.js';

function pairInTwoRoutes(cp: CompiledProblem, s: SolutionState, rng: Random): [number, number] {
  for (;;) {
    const u = rng.int(cp.nVisits);
    const v = rng.int(cp.nVisits);
    if (s.routeOf[u]! >= 0 && s.routeOf[v]! >= 0 && s.routeOf[u] !== s.routeOf[v]) return [u, v];
  }
}

/** Every feasible insertion of x into route r by simulating the whole changed route, cheapest first. */
function scanInsertions(cp: CompiledProblem, s: SolutionState, x: number, r: number): number[] {
  const size = cp.nNodes;
  const nodes = Array.from(s.nodes[r]!.subarray(0, s.len[r]! + 2));
  const out: number[] = [];
  for (let p = 0; p <= s.len[r]!; p++) {
    const route = [...nodes.slice(0, p + 1), x, ...nodes.slice(p + 1)];
    let t = cp.open[route[0]!]!;
    for (let i = 1; i < route.length && t !== Infinity; i++) {
      const a = route[i - 1]!;
      const b = route[i]!;
      const arrival = t + cp.service[a]! + cp.time[a * size + b]!;
      t = i < route.length - 1 ? serviceStart(cp, b, arrival) : arrival <= cp.close[b]! + EPS ? arrival : Infinity;
    }
    if (t === Infinity) continue;
    const prev = nodes[p]!;
    const next = nodes[p + 1]!;
    out.push(cp.cost[prev * size + x]! + cp.cost[x * size + next]! - cp.cost[prev * size + next]!);
  }
  return out.sort((a, b) => a - b);
}

/** Travel times scaled per arc by 0.3 to 1.7: the triangle inequality no longer holds. */
function distorted(p: Problem, rng: Random): Problem {
  const seconds = p.matrix.seconds.map((t) => t * (0.3 + 1.4 * rng.next()));
  return { ...p, matrix: { ...p.matrix, seconds } };
}

describe('SwapStar', () => {
  it.each([
    { matrix: 'a symmetric', alter: (p: Problem) => p },
    { matrix: 'an asymmetric (sloped)', alter: withSlope },
  ])('evaluates a swap from its cached insertions exactly as a full recomputation of the changed plan, on $matrix matrix', ({ alter }) => {
    let applied = 0;
    let refused = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { cp, s, rng } = randomPlan(seed, 30, 6, alter);
      const swap = new SwapStar(cp);
      for (let trial = 0; trial < 100; trial++) {
        const [u, v] = pairInTwoRoutes(cp, s, rng);
        const before = recompute(cp, s).cost;
        const delta = swap.evaluate(s, u, v);
        const copy = new SolutionState(cp);
        copy.copyFrom(s);
        if (!swap.apply(copy, u, v)) {
          expect(delta).toBe(Infinity);
          expect(recompute(cp, copy).cost).toBeCloseTo(before, 9);
          refused++;
          continue;
        }
        const after = recompute(cp, copy);
        expect(after.feasible).toBe(true);
        expect(after.cost - before).toBeCloseTo(delta, 6);
        expect(copy.routeSum - s.routeSum).toBeCloseTo(delta, 6);
        expect(copy.routeOf[u]).toBe(s.routeOf[v]);
        expect(copy.routeOf[v]).toBe(s.routeOf[u]);
        applied++;
        // Move on from the improved plan, so the caches see routes change under them.
        if (delta < 0) s.copyFrom(copy);
      }
    }
    expect(applied).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('keeps its cached three cheapest insertions equal to a fresh scan while routes change', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { cp, s, rng } = randomPlan(seed, 30, 6);
      const swap = new SwapStar(cp);
      const check = (): void => {
        for (let x = 0; x < cp.nVisits; x++) {
          for (let r = 0; r < cp.nVehicles; r++) {
            if (s.routeOf[x] === r) continue;
            const cached = swap.insertions(s, x, r).map(([, d]) => d);
            const scanned = scanInsertions(cp, s, x, r).slice(0, 3);
            expect(cached.length).toBe(scanned.length);
            cached.forEach((d, k) => expect(d).toBeCloseTo(scanned[k]!, 9));
          }
        }
      };
      check();
      for (let step = 0; step < 30; step++) {
        const [u, v] = pairInTwoRoutes(cp, s, rng);
        swap.apply(s, u, v);
      }
      check();
      // Changes made by other moves bump the routes' versions too.
      new LocalSearch(cp, 20, false).run(s);
      check();
    }
  });

  it('never applies a swap that breaks a window, even where travel times break the triangle inequality', () => {
    let caught = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { cp, s, rng } = randomPlan(seed, 30, 6, distorted);
      expect(recompute(cp, s).feasible).toBe(true);
      const swap = new SwapStar(cp);
      for (let trial = 0; trial < 100; trial++) {
        const [u, v] = pairInTwoRoutes(cp, s, rng);
        const estimated = swap.evaluate(s, u, v);
        const applied = swap.apply(s, u, v);
        if (estimated !== Infinity && !applied) caught++;
        expect(recompute(cp, s).feasible).toBe(true);
      }
      const before = s.routeSum;
      swap.run(s);
      expect(recompute(cp, s).feasible).toBe(true);
      expect(s.routeSum).toBeLessThanOrEqual(before + 1e-9);
    }
    // The final check must have had something to refuse, or this test proves little.
    expect(caught).toBeGreaterThan(0);
  });

  it('shortens plans the other moves have left at a local optimum', () => {
    let gained = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { cp, s } = randomPlan(seed, 60, 8);
      new LocalSearch(cp, 20, false).run(s);
      const before = s.routeSum;
      new LocalSearch(cp, 20, true).run(s);
      expect(recompute(cp, s).feasible).toBe(true);
      expect(s.routeSum).toBeLessThanOrEqual(before + 1e-9);
      if (s.routeSum < before - 1e-6) gained++;
    }
    expect(gained).toBeGreaterThan(0);
  });

  it('finds for each pair of routes the swap that an evaluation of every pair of their visits finds best', () => {
    let found = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { cp, s } = randomPlan(seed, 40, 6, seed % 3 === 0 ? withSlope : undefined);
      const swap = new SwapStar(cp);
      for (let r1 = 0; r1 < cp.nVehicles; r1++) {
        for (let r2 = r1 + 1; r2 < cp.nVehicles; r2++) {
          if (s.len[r1] === 0 || s.len[r2] === 0) continue;
          let best = -1e-9;
          for (let i = 1; i <= s.len[r1]!; i++) {
            for (let j = 1; j <= s.len[r2]!; j++) best = Math.min(best, swap.evaluate(s, s.nodes[r1]![i]!, s.nodes[r2]![j]!));
          }
          const chosen = swap.bestSwap(s, r1, r2);
          if (best === -1e-9) {
            expect(chosen).toBeUndefined();
            continue;
          }
          found++;
          expect(chosen?.[2]).toBe(best);
          expect(swap.evaluate(s, chosen![0], chosen![1])).toBe(best);
        }
      }
    }
    expect(found).toBeGreaterThan(50);
  });

  it('passes over the route pairs as a fresh one would after a route has changed (its skips follow both routes)', () => {
    let swapped = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { cp, s } = randomPlan(seed, 40, 6);
      const reused = new SwapStar(cp);
      for (let pass = 0; pass < 50 && reused.run(s); pass++);
      for (let r = 0; r < cp.nVehicles; r++) {
        if (s.len[r]! < 2) continue;
        // One visit leaves route r only; every other route keeps its version.
        const changed = new SolutionState(cp);
        changed.copyFrom(s);
        const removed = new Uint8Array(cp.nVisits);
        const u = changed.nodes[r]![1]!;
        removed[u] = 1;
        changed.markRemoved(u);
        changed.compact(r, removed);
        const start = routeLists(changed);
        const byFresh = new SolutionState(cp);
        byFresh.copyFrom(changed);
        new SwapStar(cp).run(byFresh);
        reused.run(changed);
        expect(routeLists(changed)).toEqual(routeLists(byFresh));
        if (JSON.stringify(routeLists(byFresh)) !== JSON.stringify(start)) swapped++;
      }
    }
    // The change must have given the pass something to find, or this test proves little.
    expect(swapped).toBeGreaterThan(5);
  });
});
