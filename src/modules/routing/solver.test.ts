import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './feasibility-checker.js';
import type { Problem } from './model.js';
import { createRandom } from './random.js';
import { parseSolomon } from './solomon.js';
import { solve, solveAsync } from './solver.js';
import { randomInstance } from './test-instances.js';

interface Optimum {
  readonly vehicles: number;
  readonly distance: number;
}

/**
 * Exhaustive search written independently of the solver: extends routes visit by visit, vehicle by
 * vehicle, simulating each schedule, and keeps the best complete plan under the given objective.
 */
function bruteForce(p: Problem, hierarchical: boolean): Optimum | undefined {
  const m = p.matrix;
  const leg = (a: number, b: number): number => m.seconds[a * m.size + b]!;
  const served = new Array<boolean>(p.visits.length).fill(false);
  let best: Optimum | undefined;
  const better = (o: Optimum): boolean =>
    !best || (hierarchical ? o.vehicles < best.vehicles || (o.vehicles === best.vehicles && o.distance < best.distance - 1e-9) : o.distance < best.distance - 1e-9);
  const extend = (k: number, at: number, time: number, load: number, len: number, done: number, dist: number, used: number): void => {
    const vehicle = p.vehicles[k];
    if (!vehicle) return;
    // Close this route (if it may end here) and move on to the next vehicle.
    const back = time + leg(at, vehicle.endLocation);
    if (back <= vehicle.shiftEnd) {
      const closed = dist + (len > 0 ? leg(at, vehicle.endLocation) : 0);
      const routes = used + (len > 0 ? 1 : 0);
      if (done === p.visits.length) {
        if (better({ vehicles: routes, distance: closed })) best = { vehicles: routes, distance: closed };
      } else if (k + 1 < p.vehicles.length) {
        const next = p.vehicles[k + 1]!;
        extend(k + 1, next.startLocation, next.shiftStart, 0, 0, done, closed, routes);
      }
    }
    p.visits.forEach((v, i) => {
      if (served[i]) return;
      if ((v.requiredSkills ?? []).some((s) => !(vehicle.skills ?? []).includes(s))) return;
      if (load + (v.demand ?? 0) > (vehicle.capacity ?? Infinity)) return;
      const arrival = time + leg(at, v.location);
      const w = v.windows.find((x) => arrival <= x.end);
      if (v.windows.length > 0 && !w) return;
      const start = Math.max(arrival, w?.start ?? -Infinity);
      if (v.acute && start > v.acute.deadline) return;
      served[i] = true;
      extend(k, v.location, start + v.serviceDuration, load + (v.demand ?? 0), len + 1, done + 1, dist + leg(at, v.location), used);
      served[i] = false;
    });
  };
  const first = p.vehicles[0]!;
  extend(0, first.startLocation, first.shiftStart, 0, 0, 0, 0, 0);
  return best;
}

describe('solve', () => {
  it('always returns plans that pass the independent checker', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('distance' as const, 'hierarchical' as const, 'night-care' as const), (seed, n, k, objective) => {
        const p = randomInstance(createRandom(seed), n, k);
        const s = solve(p, { objective, seed, maxIterations: 300, timeLimitMs: 500 });
        const report = checkSolution(p, s, { allowUnassigned: true, distances: 'euclidean' });
        expect(report.violations).toEqual([]);
        expect(s.routes.reduce((a, r) => a + r.visits.length, 0) + s.unassigned.length).toBe(n);
        expect(s.distance).toBeCloseTo(report.distance, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('matches the exhaustive optimum on instances of up to 8 visits', () => {
    let compared = 0;
    for (let seed = 1; compared < 24; seed++) {
      const hierarchical = seed % 2 === 0;
      const p = randomInstance(createRandom(seed), 5 + (seed % 4), 2);
      const optimum = bruteForce(p, hierarchical);
      if (!optimum) continue;
      const s = solve(p, { objective: hierarchical ? 'hierarchical' : 'distance', seed, maxIterations: 3000, timeLimitMs: 2000 });
      expect(s.unassigned).toEqual([]);
      if (hierarchical) expect(s.vehicles, `seed ${seed}`).toBe(optimum.vehicles);
      expect(s.distance, `seed ${seed}`).toBeCloseTo(optimum.distance, 6);
      compared++;
    }
  });

  it('is deterministic for a seed when bounded by iterations', () => {
    const p = randomInstance(createRandom(7), 30, 4);
    const a = solve(p, { seed: 3, maxIterations: 2000, timeLimitMs: 60_000 });
    const b = solve(p, { seed: 3, maxIterations: 2000, timeLimitMs: 60_000 });
    expect(a).toEqual(b);
  });

  it('gives the same routes for a seed and work budget while other processes load the CPU', async () => {
    const p = randomInstance(createRandom(9), 40, 5);
    const options = { objective: 'hierarchical' as const, seed: 4, maxIterations: 4000, timeLimitMs: 120_000 };
    const quiet = solve(p, options);
    const load = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const busy = await solveAsync(p, options);
      expect(busy.routes).toEqual(quiet.routes);
      expect(busy.distance).toBe(quiet.distance);
    } finally {
      for (const child of load) child.kill('SIGKILL');
    }
  });

  it('in the hierarchical mode never reports or returns more vehicles than the best fleet found so far', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const p = randomInstance(createRandom(100 + seed), 40, 8);
      const reports: { unassigned: number; vehicles: number }[] = [];
      const s = solve(p, { objective: 'hierarchical', seed, maxIterations: 3000, progressIntervalMs: 0, onProgress: ({ unassigned, vehicles }) => reports.push({ unassigned, vehicles }) });
      // The distance phase may hold one spare route in its working solution; the best must not. Placing
      // every visit comes first, so a route more is progress only when it places visits (7 routes with
      // 3 visits left out, then 8 with none: seen when a busy machine cut the run into short slices).
      for (let i = 1; i < reports.length; i++) {
        const [before, now] = [reports[i - 1]!, reports[i]!];
        expect(now.unassigned, `seed ${seed}`).toBeLessThanOrEqual(before.unassigned);
        if (now.unassigned === before.unassigned) expect(now.vehicles, `seed ${seed}`).toBeLessThanOrEqual(before.vehicles);
      }
      const fewestLeftOut = Math.min(...reports.map((r) => r.unassigned));
      expect(s.unassigned.length).toBe(fewestLeftOut);
      expect(s.vehicles).toBe(Math.min(...reports.filter((r) => r.unassigned === fewestLeftOut).map((r) => r.vehicles)));
      expect(checkSolution(p, s, { allowUnassigned: true, distances: 'euclidean' }).violations).toEqual([]);
    }
  });

  it('stops early once the best has not improved for the settle count, well before the work budget', () => {
    const p = randomInstance(createRandom(13), 25, 3);
    let iterations = 0;
    const s = solve(p, { seed: 1, maxIterations: 5_000_000, settleIterations: 500, progressIntervalMs: 0, onProgress: (progress) => (iterations = progress.iterations) });
    expect(iterations).toBeGreaterThanOrEqual(500);
    expect(iterations).toBeLessThan(5_000_000);
    expect(checkSolution(p, s, { allowUnassigned: true }).violations).toEqual([]);
  });

  it('stops the blocking entry point too when the progress callback aborts its signal', () => {
    const p = randomInstance(createRandom(5), 40, 5);
    const controller = new AbortController();
    let last = 0;
    const s = solve(p, {
      maxIterations: 50_000_000,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (progress) => {
        last = progress.iterations;
        if (progress.iterations > 200) controller.abort();
      },
    });
    expect(last).toBeLessThan(50_000_000);
    expect(checkSolution(p, s, { allowUnassigned: true }).violations).toEqual([]);
  });

  it('keeps planned routes as a warm start and leaves out what cannot be served', () => {
    const p = randomInstance(createRandom(11), 10, 2);
    const first = solve(p, { seed: 1, maxIterations: 500 });
    const again = solve(p, { seed: 2, maxIterations: 0, initialRoutes: first.routes });
    expect(again.distance).toBeCloseTo(first.distance, 9);
  });

  it('reports progress and stops early with the best plan when aborted', async () => {
    const p = randomInstance(createRandom(5), 40, 5);
    const controller = new AbortController();
    const seen: number[] = [];
    const s = await solveAsync(p, {
      timeLimitMs: 60_000,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress.distance);
        if (progress.elapsedMs > 100) controller.abort();
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(checkSolution(p, s, { allowUnassigned: true }).violations).toEqual([]);
  });

  // The public benchmark data is read in place from ../shared, which a clone elsewhere does not have.
  const solomonC101 = path.resolve(import.meta.dirname, '../../../../shared/benchmarks/vrptw/solomon/C101.txt');
  const haveShared = existsSync(solomonC101);
  const c101Title = 'solves Solomon C101 to its best-known 10 vehicles / 828.94 within a second';

  it.skipIf(!haveShared)(haveShared ? c101Title : `${c101Title} (skipped: no ${path.dirname(solomonC101)} beside the repository)`, () => {
    const file = solomonC101;
    const { name, problem } = parseSolomon(readFileSync(file, 'utf8'));
    expect(name).toBe('C101');
    expect(problem.visits).toHaveLength(100);
    const s = solve(problem, { objective: 'hierarchical', timeLimitMs: 1000, seed: 1 });
    expect(checkSolution(problem, s, { distances: 'euclidean' }).violations).toEqual([]);
    expect(s.vehicles).toBe(10);
    expect(s.distance).toBeCloseTo(828.94, 1);
  });

  const solomonC201 = path.resolve(path.dirname(solomonC101), 'C201.txt');
  const c201Title = 'reaches the best-known Solomon C201 distance 591.56 at its 3-vehicle fleet within 30,000 iterations';

  it.skipIf(!haveShared)(haveShared ? c201Title : `${c201Title} (skipped: no ${path.dirname(solomonC101)} beside the repository)`, () => {
    const { problem } = parseSolomon(readFileSync(solomonC201, 'utf8'));
    const s = solve(problem, { objective: 'hierarchical', maxIterations: 30_000, seed: 1 });
    expect(checkSolution(problem, s, { distances: 'euclidean' }).violations).toEqual([]);
    expect(s.vehicles).toBe(3);
    // Capped at the fleet without local search and a spare route it froze at 711.98 (issue 16).
    expect(s.distance).toBeCloseTo(591.56, 1);
  });
});
