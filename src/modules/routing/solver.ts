import { compileProblem, type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import type { Problem, Progress, Route, Solution, SolveOptions, Stop } from './model.js';
import { createRandom, type Random } from './random.js';
import { Recreator } from './recreate.js';
import { SearchEngine } from './search-engine.js';
import { SolutionState } from './solution-state.js';

const DEFAULT_BUDGET_MS = 1000;
/** How long the async solver computes before yielding to the event loop. */
const SLICE_MS = 20;

/** Builds the public solution from the internal state. */
function toSolution(cp: CompiledProblem, s: SolutionState): Solution {
  const size = cp.nNodes;
  const routes: Route[] = [];
  let distance = 0;
  let travelTime = 0;
  for (let r = 0; r < cp.nVehicles; r++) {
    const n = s.len[r]!;
    if (n === 0) continue;
    const nodes = s.nodes[r]!;
    const e = s.early[r]!;
    const stops: Stop[] = [];
    let dist = 0;
    let tt = 0;
    for (let i = 1; i <= n + 1; i++) {
      const prev = nodes[i - 1]!;
      const cur = nodes[i]!;
      dist += cp.meters[prev * size + cur]!;
      tt += cp.time[prev * size + cur]!;
      if (i > n) continue;
      const arrival = e[i - 1]! + cp.service[prev]! + cp.time[prev * size + cur]!;
      stops.push({ visitId: cp.visitIds[cur]!, arrival, start: e[i]!, departure: e[i]! + cp.service[cur]! });
    }
    routes.push({ vehicleId: cp.vehicleIds[r]!, visits: stops.map((x) => x.visitId), stops, end: e[n + 1]!, distance: dist, travelTime: tt });
    distance += dist;
    travelTime += tt;
  }
  const unassigned: string[] = [];
  for (let u = 0; u < cp.nVisits; u++) if (s.routeOf[u]! < 0) unassigned.push(cp.visitIds[u]!);
  return { routes, unassigned, vehicles: routes.length, distance, travelTime };
}

/** Start solution: the given plan where it still fits, then cheapest insertion of the rest. */
function construct(cp: CompiledProblem, options: SolveOptions, rng: Random): SolutionState {
  const s = new SolutionState(cp);
  // Every route is scanned: at the start most visits are unplaced, so few routes hold a visit's neighbours.
  const recreator = new Recreator(cp, Infinity);
  const visitIndex = new Map(cp.visitIds.map((id, i) => [id, i]));
  const vehicleIndex = new Map(cp.vehicleIds.map((id, i) => [id, i]));
  for (const route of options.initialRoutes ?? []) {
    const r = vehicleIndex.get(route.vehicleId);
    if (r === undefined) continue;
    for (const id of route.visits) {
      const u = visitIndex.get(id);
      if (u !== undefined && s.routeOf[u]! < 0) appendIfFeasible(cp, s, u, r);
    }
  }
  const list = new Int32Array(cp.nVisits);
  recreator.run(s, list, s.leftOutInto(list), rng, Infinity, 0);
  return s;
}

function appendIfFeasible(cp: CompiledProblem, s: SolutionState, u: number, r: number): void {
  const n = s.len[r]!;
  const nodes = s.nodes[r]!;
  const before = nodes[n]!;
  const end = nodes[n + 1]!;
  const size = cp.nNodes;
  if ((cp.vehicleSkills[r]! & cp.requiredSkills[u]!) !== cp.requiredSkills[u]) return;
  if (s.load[r]! + cp.demand[u]! > cp.capacity[r]!) return;
  const start = serviceStart(cp, u, s.early[r]![n]! + cp.service[before]! + cp.time[before * size + u]!);
  if (start + cp.service[u]! + cp.time[u * size + end]! > s.late[r]![n + 1]! + EPS) return;
  s.insert(u, r, n);
}

interface Run {
  readonly cp: CompiledProblem;
  readonly engine: SearchEngine;
  readonly report: (force: boolean) => void;
}

function startRun(problem: Problem, options: SolveOptions): Run {
  const cp = compileProblem(problem, options.objective ?? 'distance');
  const rng = createRandom(options.seed ?? 1);
  const initial = construct(cp, options, rng);
  const workBudget = options.maxIterations !== undefined;
  const engine = new SearchEngine(cp, initial, rng, {
    // A work budget alone runs to its end; with a time limit too, the clock only stops a runaway.
    budgetMs: options.timeLimitMs ?? (workBudget ? Infinity : DEFAULT_BUDGET_MS),
    maxIterations: options.maxIterations ?? Infinity,
    settleIterations: options.settleIterations ?? Infinity,
  });
  const started = performance.now();
  const interval = options.progressIntervalMs ?? 100;
  let lastReport = -Infinity;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < interval)) return;
    lastReport = now;
    const best = engine.best;
    const snapshot = new SolutionState(cp);
    snapshot.copyFrom(best);
    const progress: Progress = {
      elapsedMs: now - started,
      iterations: engine.iterations,
      vehicles: best.usedRoutes(),
      distance: sumMeters(cp, best),
      travelTime: sumTime(cp, best),
      unassigned: best.unassignedCount(),
      bestSolution: () => toSolution(cp, snapshot),
    };
    options.onProgress(progress);
  };
  return { cp, engine, report };
}

function sumMeters(cp: CompiledProblem, s: SolutionState): number {
  return sumArcs(cp, s, cp.meters);
}

function sumTime(cp: CompiledProblem, s: SolutionState): number {
  return sumArcs(cp, s, cp.time);
}

function sumArcs(cp: CompiledProblem, s: SolutionState, m: Float64Array): number {
  let total = 0;
  for (let r = 0; r < cp.nVehicles; r++) {
    const nodes = s.nodes[r]!;
    if (s.len[r] === 0) continue;
    for (let i = 0; i <= s.len[r]!; i++) total += m[nodes[i]! * cp.nNodes + nodes[i + 1]!]!;
  }
  return total;
}

/**
 * Solves synchronously within the budget; blocks the thread (use `solveAsync` in a server). A signal
 * aborted from the progress callback ends the search with the best solution so far.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const run = startRun(problem, options);
  while (!run.engine.done && !options.signal?.aborted) {
    if (run.engine.run(performance.now() + SLICE_MS)) run.report(false);
  }
  run.report(true);
  return toSolution(run.cp, run.engine.best);
}

/**
 * Solves in slices, yielding to the event loop between them; aborting the signal ends the search
 * early and still resolves with the best solution found so far.
 */
export async function solveAsync(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  const run = startRun(problem, options);
  while (!run.engine.done && !options.signal?.aborted) {
    if (run.engine.run(performance.now() + SLICE_MS)) run.report(false);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  run.report(true);
  return toSolution(run.cp, run.engine.best);
}
