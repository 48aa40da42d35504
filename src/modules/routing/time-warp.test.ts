import { describe, expect, it } from 'vitest';
import { compileProblem, type CompiledProblem } from './compiled-problem.js';
import { checkSolution } from './feasibility-checker.js';
import type { ObjectiveKind, Problem } from './model.js';
import { createRandom, type Random } from './random.js';
import { Recreator } from './recreate.js';
import { SearchEngine } from './search-engine.js';
import { SolutionState } from './solution-state.js';
import { solve } from './solver.js';
import { randomInstance, recompute, withSlope } from './test-instances.js';
import { insertionWarp, warpApplies } from './time-warp.js';
import { WarpRepair } from './warp-repair.js';

/**
 * A random instance with one window per visit (time warp applies only there) and no deadlines;
 * `loose` also drops skills and capacities, so any visit may go into any route.
 */
function singleWindowInstance(rng: Random, nVisits: number, nVehicles: number, loose = false): Problem {
  const p = randomInstance(rng, nVisits, nVehicles);
  const visits = p.visits.map((v) => ({ ...v, windows: v.windows.slice(0, 1), acute: undefined, ...(loose ? { requiredSkills: [] } : {}) }));
  const vehicles = loose ? p.vehicles.map((v) => ({ ...v, capacity: undefined })) : p.vehicles;
  return { ...p, visits, vehicles };
}

/**
 * Single windows stretched `stretch` times over a horizon as many times longer, no skills or capacities:
 * a few long routes (20–30 visits for 60 visits at stretch 3), where the distance phase uses the warp.
 */
function wideWindowInstance(rng: Random, nVisits: number, nVehicles: number, stretch: number): Problem {
  const p = randomInstance(rng, nVisits, nVehicles);
  const visits = p.visits.map((v) => ({ ...v, windows: [{ start: v.windows[0]!.start * stretch, end: v.windows[0]!.end * stretch }], acute: undefined, requiredSkills: [] }));
  const vehicles = p.vehicles.map((v) => ({ ...v, capacity: undefined, shiftEnd: 600 * stretch }));
  return { ...p, visits, vehicles };
}

/** Direct simulation written apart from the solver: start as early as possible, warp back when late. */
function simulatedWarp(cp: CompiledProblem, route: readonly number[]): number {
  const size = cp.nNodes;
  let t = cp.open[route[0]!]!;
  let warp = 0;
  for (let i = 1; i < route.length; i++) {
    const a = route[i - 1]!;
    const b = route[i]!;
    t = Math.max(t + cp.service[a]! + cp.time[a * size + b]!, cp.open[b]!);
    if (t > cp.close[b]!) {
      warp += t - cp.close[b]!;
      t = cp.close[b]!;
    }
  }
  return warp;
}

function routeOf(s: SolutionState, r: number): number[] {
  return Array.from(s.nodes[r]!.subarray(0, s.len[r]! + 2));
}

/**
 * All visits but the last three dealt in random order to the first four of sixteen routes, ignoring
 * windows, so most of those routes warp and the other twelve are empty. Even seeds travel on a slope
 * (an asymmetric matrix).
 */
function randomWarpedState(seed: number): { cp: CompiledProblem; s: SolutionState; rng: Random } {
  const rng = createRandom(seed);
  const problem = singleWindowInstance(rng, 30, 16, true);
  const cp = compileProblem(seed % 2 === 0 ? withSlope(problem) : problem, 'distance');
  const s = new SolutionState(cp, true);
  for (let u = 0; u < cp.nVisits - 3; u++) {
    const r = rng.int(4);
    s.insert(u, r, rng.int(s.len[r]! + 1));
  }
  return { cp, s, rng };
}

describe('time warp', () => {
  it('the forward warp and the concatenated tail warp of a route both match a direct simulation', () => {
    let warped = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { cp, s } = randomWarpedState(seed);
      let sum = 0;
      for (let r = 0; r < cp.nVehicles; r++) {
        const expected = simulatedWarp(cp, routeOf(s, r));
        expect(s.routeWarp[r]).toBeCloseTo(expected, 6);
        expect(s.tailWarp[r]![0]).toBeCloseTo(expected, 6);
        if (expected > 0) warped++;
        sum += expected;
      }
      expect(s.warpSum).toBeCloseTo(sum, 6);
      expect(s.timeFeasible()).toBe(sum === 0);
    }
    expect(warped).toBeGreaterThan(60);
  });

  it('the O(1) warp of an insertion matches simulating the route with the visit inserted, at every position', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { cp, s } = randomWarpedState(seed);
      for (let u = cp.nVisits - 3; u < cp.nVisits; u++) {
        for (let r = 0; r < cp.nVehicles; r++) {
          const route = routeOf(s, r);
          for (let p = 0; p <= s.len[r]!; p++) {
            const inserted = [...route.slice(0, p + 1), u, ...route.slice(p + 1)];
            expect(insertionWarp(cp, s, u, r, p)).toBeCloseTo(simulatedWarp(cp, inserted), 6);
          }
        }
      }
    }
  });

  it('does not apply when a visit has more than one window', () => {
    const rng = createRandom(1);
    const p = randomInstance(rng, 30, 4);
    expect(p.visits.some((v) => v.windows.length > 1)).toBe(true);
    expect(warpApplies(compileProblem(p, 'distance'))).toBe(false);
    expect(warpApplies(compileProblem(singleWindowInstance(createRandom(1), 30, 4), 'distance'))).toBe(true);
  });

  it('the penalised insertion places visits that fit nowhere on time, and charges their warp', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { cp, s, rng } = randomWarpedState(seed);
      const recreator = new Recreator(cp);
      const strict = new SolutionState(cp, true);
      strict.copyFrom(s);
      const list = Int32Array.from([cp.nVisits - 3, cp.nVisits - 2, cp.nVisits - 1]);
      const before = s.warpSum;
      expect(recreator.run(s, list.slice(), 3, rng, Infinity, 0, 1)).toBe(0);
      for (const u of list) expect(s.routeOf[u]).toBeGreaterThanOrEqual(0);
      expect(s.warpSum).toBeGreaterThanOrEqual(before - 1e-9);
      // Without a penalty a warped route takes nothing, so some visits may stay out.
      recreator.run(strict, list.slice(), 3, rng, Infinity, 0);
      expect(strict.warpSum).toBeCloseTo(before, 6);
    }
  });

  it('the penalised insertion takes the position of least detour plus penalty for the warp it adds, over every route', () => {
    let warpedChoices = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { cp, s, rng } = randomWarpedState(seed);
      const u = cp.nVisits - 1;
      const penalty = 0.2 + rng.next();
      const costOf = (r: number, p: number): number => {
        const nodes = s.nodes[r]!;
        const detour = cp.cost[nodes[p]! * cp.nNodes + u]! + cp.cost[u * cp.nNodes + nodes[p + 1]!]! - cp.cost[nodes[p]! * cp.nNodes + nodes[p + 1]!]!;
        return detour + penalty * (insertionWarp(cp, s, u, r, p) - s.routeWarp[r]!);
      };
      const costs = new Map<string, number>();
      for (let r = 0; r < cp.nVehicles; r++) for (let p = 0; p <= s.len[r]!; p++) costs.set(`${r}:${p}`, costOf(r, p));
      const cheapest = Math.min(...costs.values());
      expect(new Recreator(cp).insertCheapest(s, u, rng, Infinity, 0, penalty)).toBe(true);
      const chosen = costs.get(`${s.routeOf[u]}:${s.posOf[u]! - 1}`)!;
      expect(chosen).toBeCloseTo(cheapest, 9);
      if (s.routeWarp[s.routeOf[u]!]! > 0) warpedChoices++;
    }
    // Most of the chosen routes warp, so the penalty took part in the choice.
    expect(warpedChoices).toBeGreaterThan(15);
  });

  it('the repair takes out every visit that warped and brings the plan back within all windows with all visits', () => {
    let repaired = 0;
    let warped = 0;
    for (let seed = 1; seed <= 30; seed++) {
      // A plan on time, then three visits pushed in with warp almost free.
      const rng = createRandom(seed);
      const cp = compileProblem(singleWindowInstance(rng, 30, 16, true), 'distance');
      const s = new SolutionState(cp, true);
      const recreator = new Recreator(cp);
      recreator.run(s, Int32Array.from({ length: cp.nVisits - 3 }, (_, i) => i), cp.nVisits - 3, rng, 4, 0);
      recreator.run(s, Int32Array.from([cp.nVisits - 3, cp.nVisits - 2, cp.nVisits - 1]), 3, rng, 4, 0, 0.01);
      if (s.timeFeasible()) continue;
      warped++;
      const assigned = cp.nVisits - s.unassignedCount();
      if (!new WarpRepair(cp, recreator).run(s, rng, Infinity)) continue;
      repaired++;
      expect(s.timeFeasible()).toBe(true);
      expect(cp.nVisits - s.unassignedCount()).toBe(assigned);
      expect(recompute(cp, s).feasible).toBe(true);
    }
    expect(warped).toBeGreaterThan(10);
    expect(repaired).toBeGreaterThan(5);
  });
});

/**
 * Runs the engine to its end; true if its working solution ever warped time. It looks after at most
 * about one iteration at a time: a repaired rebuild is on time again within the same iteration, so
 * looking every 5 ms saw only a few of the working solutions, and on a faster search none warped.
 */
function sawWarpUntilDone(engine: SearchEngine): boolean {
  let sawWarp = false;
  while (!engine.done) {
    engine.run(performance.now() + 0.01);
    sawWarp ||= engine.workingWarp > 0;
  }
  return sawWarp;
}

/**
 * An engine on a single-window instance (by default 40 visits and 8 vehicles, routes of about five
 * visits), with the start solution built strictly on time.
 */
function engineFor(
  seed: number,
  objective: ObjectiveKind,
  maxIterations: number,
  instance: (rng: Random) => Problem = (rng) => singleWindowInstance(rng, 40, 8),
): { engine: SearchEngine; cp: CompiledProblem; rng: Random } {
  const rng = createRandom(seed);
  const cp = compileProblem(instance(rng), objective);
  const initial = new SolutionState(cp);
  const list = Int32Array.from({ length: cp.nVisits }, (_, i) => i);
  new Recreator(cp).run(initial, list, cp.nVisits, rng, Infinity, 0);
  return { engine: new SearchEngine(cp, initial, rng, { budgetMs: Infinity, maxIterations, settleIterations: Infinity }), cp, rng };
}

describe('the search through time-warped solutions', () => {
  it('never lets a solution that warps time become the best, however short', () => {
    const { engine, cp } = engineFor(1, 'distance', 1000);
    engine.run(performance.now() + 10_000);
    const shorter = new SolutionState(cp, true);
    let warped = false;
    for (let r = 0; r < cp.nVehicles && !warped; r++) {
      shorter.copyFrom(engine.best);
      if (shorter.len[r]! < 3) continue;
      // A reversed route is about as long but out of its windows.
      shorter.nodes[r]!.subarray(1, shorter.len[r]! + 1).reverse();
      shorter.updateRoute(r);
      warped = !shorter.timeFeasible();
    }
    expect(warped).toBe(true);
    shorter.routeSum = engine.best.routeSum - 1;
    expect(engine.isBetter(shorter, engine.best)).toBe(false);
    // The same saving without warp would be taken.
    const feasible = new SolutionState(cp, true);
    feasible.copyFrom(engine.best);
    feasible.routeSum -= 1;
    expect(engine.isBetter(feasible, engine.best)).toBe(true);
  });

  it('passes through warped working solutions yet returns plans that pass the independent checker', () => {
    for (const objective of ['distance', 'hierarchical'] as const) {
      for (let seed = 1; seed <= 4; seed++) {
        const rng = createRandom(seed);
        const p = singleWindowInstance(rng, 40, 8);
        const solution = solve(p, { objective, seed, maxIterations: 3000 });
        const report = checkSolution(p, solution, { allowUnassigned: true, distances: 'euclidean' });
        expect(report.violations).toEqual([]);
        expect(solution.routes.reduce((a, r) => a + r.visits.length, 0) + solution.unassigned.length).toBe(p.visits.length);
      }
    }
    const { engine, cp } = engineFor(2, 'hierarchical', 3000, (rng) => wideWindowInstance(rng, 60, 8, 3));
    expect(sawWarpUntilDone(engine)).toBe(true);
    expect(cp.nVisits / engine.best.usedRoutes()).toBeGreaterThanOrEqual(20);
    expect(engine.best.timeFeasible()).toBe(true);
  });

  it('keeps windows hard when the routes of the fleet are short, as on tight-window instances', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { engine, cp } = engineFor(seed, 'hierarchical', 3000);
      expect(sawWarpUntilDone(engine)).toBe(false);
      expect(cp.nVisits / engine.best.usedRoutes()).toBeLessThan(20);
      // Nor is the working solution polished there, only each new best.
      expect(engine.workingPolishes).toBe(0);
    }
  });

  it('polishes the working solution, on time, every so many accepted rebuilds while it searches with the warp', () => {
    const { engine, cp } = engineFor(2, 'hierarchical', 3000, (rng) => wideWindowInstance(rng, 60, 8, 3));
    engine.run(Infinity);
    expect(cp.nVisits / engine.best.usedRoutes()).toBeGreaterThanOrEqual(20);
    // One polish per 60 accepted rebuilds (one per visit) in the distance phase.
    expect(engine.workingPolishes).toBeGreaterThan(5);
    expect(engine.best.timeFeasible()).toBe(true);
  });

  it('gives identical routes for a seed and work budget with warped solutions on the way', () => {
    const rng = createRandom(7);
    const p = singleWindowInstance(rng, 40, 8);
    for (const objective of ['distance', 'hierarchical'] as const) {
      const a = solve(p, { objective, seed: 5, maxIterations: 4000 });
      const b = solve(p, { objective, seed: 5, maxIterations: 4000 });
      expect(b.routes).toEqual(a.routes);
      expect(b.distance).toBe(a.distance);
    }
  });
});
