import { describe, expect, it } from 'vitest';
import { compileProblem, type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import { LocalSearch, MOVES } from './local-search.js';
import { createRandom, type Random } from './random.js';
import { Recreator } from './recreate.js';
import { SolutionState } from './solution-state.js';
import { randomInstance } from './test-instances.js';

/**
 * A random feasible plan: cheapest insertion with many blinks, so routes are far from optimal. Odd
 * seeds give one vehicle type (2-opt* only exchanges tails between vehicles of one type).
 */
function randomPlan(seed: number, nVisits: number, nVehicles: number): { cp: CompiledProblem; s: SolutionState; rng: Random } {
  const rng = createRandom(seed);
  const p = randomInstance(rng, nVisits, nVehicles);
  const uniform = seed % 2 === 1 ? { ...p, vehicles: p.vehicles.map((v) => ({ ...v, shiftEnd: 600, skills: ['wound-care'], capacity: 60 })) } : p;
  const cp = compileProblem(uniform, 'distance');
  const s = new SolutionState(cp);
  const list = Int32Array.from({ length: cp.nVisits }, (_, i) => i);
  new Recreator(cp).run(s, list, cp.nVisits, rng, Infinity, 0.5);
  return { cp, s, rng };
}

/** Full recomputation written apart from the solver: simulates every route from its start. */
function recompute(cp: CompiledProblem, s: SolutionState): { cost: number; feasible: boolean } {
  const size = cp.nNodes;
  let cost = 0;
  let feasible = true;
  for (let r = 0; r < cp.nVehicles; r++) {
    const nodes = s.nodes[r]!;
    let t = cp.open[nodes[0]!]!;
    let load = 0;
    for (let i = 1; i <= s.len[r]! + 1; i++) {
      const a = nodes[i - 1]!;
      const b = nodes[i]!;
      cost += cp.cost[a * size + b]!;
      t = i <= s.len[r]! ? serviceStart(cp, b, t + cp.service[a]! + cp.time[a * size + b]!) : t + cp.service[a]! + cp.time[a * size + b]!;
      if (i <= s.len[r]!) {
        load += cp.demand[b]!;
        if ((cp.vehicleSkills[r]! & cp.requiredSkills[b]!) !== cp.requiredSkills[b]) feasible = false;
      }
      if (t === Infinity) feasible = false;
    }
    if (t > cp.close[nodes[s.len[r]! + 1]!]! + EPS || load > cp.capacity[r]!) feasible = false;
  }
  return { cost, feasible };
}

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
    for (let seed = 1; seed <= 20; seed++) {
      const { cp, s } = randomPlan(seed, 40, 6);
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
      expect(s.usedRoutes()).toBeLessThanOrEqual(used);
      if (seed === 1) expect(after.cost).toBeLessThan(before.cost - 1);
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
