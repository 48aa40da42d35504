/**
 * How the route planner scales (issue 16): one instance per class at 100 (Solomon), 400 and 1,000
 * customers (Gehring–Homberger), hierarchical objective (fewest vehicles, then distance), every solution
 * verified by the independent checker. Reports vehicles and distance against the best-known solutions,
 * the time to reach the best-known fleet, and the memory a run takes. Writes bench/results/vrptw-scale.md.
 *   npm run bench:vrptw-scale -- [--budgets 100:5,400:15,1000:60] [--jobs 1]
 * With --iterations N every run gets a work budget of N iterations instead of its time budget (the
 * budgets then only pick the sizes): load-independent, so runs on a shared machine compare. --seeds 1,2,3
 * repeats every run per seed, --instances r1_10_1,rc1_10_1 keeps only those, --whole-set runs every instance
 * of each size instead of the first of each class (then read the per-class table), --out names the result file.
 * --anchor pyvrp also runs PyVRP 0.14 on every instance, seed and time budget, checked the same way, and
 * adds its columns (bench/support/pyvrp-anchor.ts: PYVRP_PYTHON, or a virtual environment it creates).
 * VRPTW_DATA overrides where the instances are read.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution, parseSolomon, solve } from '../src/modules/routing/index.js';
import { anchorOption, pyvrpPython, runAnchor, type AnchorRun } from './support/pyvrp-anchor.js';
import { parseBksCsv, type Bks } from './support/vrptw-reference.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
// VRPTW_DATA points elsewhere when the repository is not checked out beside ../shared (a worktree).
const dataDir = path.resolve(repoRoot, process.env.VRPTW_DATA ?? '../shared/benchmarks/vrptw');
const CLASSES = ['c1', 'c2', 'r1', 'r2', 'rc1', 'rc2'];

interface Task {
  readonly size: number;
  readonly instance: string;
  readonly file: string;
  /** Seconds, or iterations when `work` is set. */
  readonly budget: number;
  readonly work: boolean;
  readonly seed: number;
}

interface Result extends Task {
  readonly vehicles: number;
  readonly distance: number;
  readonly feasible: boolean;
  readonly seconds: number;
  /** Seconds until the best-known fleet was first reached with every visit placed; null if never. */
  readonly toFleet: number | null;
  /** The same moment in iterations, which a paused or shared process does not distort. */
  readonly toFleetIterations: number | null;
  /** Peak resident memory of the process running it (problem, solver and Node itself). */
  readonly memoryMb: number;
  /** Search iterations done within the budget: on a busy machine fewer than on a quiet one. */
  readonly iterations: number;
  /** CPU seconds the run got; below the budget when other processes shared the core. */
  readonly cpuSeconds: number;
  /** PyVRP on the same instance, seed and budget (--anchor pyvrp). */
  readonly anchor?: AnchorRun;
}

/** Solomon's directory at 100 visits, Gehring–Homberger's per size otherwise. */
const sizeDir = (size: number): string => (size === 100 ? path.join(dataDir, 'solomon') : path.join(dataDir, 'homberger', String(size)));

/** Every instance of a size (56 at 100 visits, 60 at 400 and 1,000), in name order. */
function wholeSetFor(size: number, budget: number, work: boolean, seed: number): Task[] {
  const names = readdirSync(sizeDir(size))
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -4))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.map((name) => ({ size, instance: name, file: path.join(sizeDir(size), `${name}.txt`), budget, work, seed }));
}

/** The class of an instance (C1, R2, RC1...), for Solomon and Gehring–Homberger names alike. */
const classOf = (instance: string): string => /^(rc|r|c)(\d)/i.exec(instance)!.slice(1, 3).join('').toUpperCase();

function tasksFor(size: number, budget: number, work: boolean, seed: number): Task[] {
  return CLASSES.map((c) => {
    const name = size === 100 ? `${c.toUpperCase()}01` : `${c}_${size / 100}_1`;
    return { size, instance: name, file: path.join(sizeDir(size), `${name}.txt`), budget, work, seed };
  });
}

function runTask(task: Task, bksVehicles: number): Result {
  const { problem } = parseSolomon(readFileSync(task.file, 'utf8'));
  let peak = process.memoryUsage().rss;
  let toFleet: number | null = null;
  let toFleetIterations: number | null = null;
  let iterations = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const limit = task.work ? { maxIterations: task.budget } : { timeLimitMs: task.budget * 1000 };
  const solution = solve(problem, {
    objective: 'hierarchical',
    ...limit,
    seed: task.seed,
    progressIntervalMs: 250,
    onProgress: (p) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      iterations = p.iterations;
      if (toFleet === null && p.unassigned === 0 && p.vehicles <= bksVehicles) {
        toFleet = p.elapsedMs / 1000;
        toFleetIterations = p.iterations;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const report = checkSolution(problem, solution, { distances: 'euclidean' });
  return { ...task, vehicles: report.vehicles, distance: report.distance, feasible: report.feasible, seconds, toFleet, toFleetIterations, memoryMb: peak / 2 ** 20, iterations, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The best-known solutions of both sets, by lower-case instance name. */
function readBks(): Map<string, Bks> {
  const files = ['solomon-bks.csv', 'homberger-bks.csv'];
  return new Map(files.flatMap((file) => [...parseBksCsv(readFileSync(path.join(dataDir, file), 'utf8'))].map(([name, bks]) => [name.toLowerCase(), bks] as const)));
}

/**
 * Each run in a fresh child process, so its memory figure is its own. With `anchorPython`, PyVRP runs
 * right after in the same job, so no more than `jobs` runs share the cores.
 */
async function runAll(tasks: Task[], jobs: number, bks: ReturnType<typeof readBks>, anchorPython: string | undefined): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const child = fork(import.meta.filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const result = await new Promise<Result>((resolve) => {
        child.once('message', (m) => resolve(m as Result));
        child.send({ task, bksVehicles: bks.get(task.instance.toLowerCase())?.vehicles ?? 0 });
      });
      child.kill();
      const anchor = anchorPython === undefined ? undefined : await runAnchor(anchorPython, task.file, task.seed, task.budget, 'hierarchical');
      console.error(`${result.instance} seed ${result.seed} ${result.budget}${result.work ? ' iterations' : ' s'}: ${result.vehicles} veh, ${result.distance.toFixed(1)}${result.feasible ? '' : ' INFEASIBLE'}${anchor ? `; PyVRP ${anchor.vehicles} veh, ${anchor.distance.toFixed(1)}${anchor.feasible ? '' : ' INFEASIBLE'}` : ''}`);
      results.push(anchor ? { ...result, anchor } : result);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;

/** What the tables need of a run, ours or the anchor's. */
interface Plan {
  readonly instance: string;
  readonly vehicles: number;
  readonly distance: number;
}

/** Distance gap in % against the best-known solution, only when the run has its fleet. */
const gapAtFleet = (r: Plan, b: Bks): number | undefined => (r.vehicles === b.vehicles ? (r.distance / b.distance - 1) * 100 : undefined);

/** The anchor's plans of the runs that have one, for the same tables. */
const anchorPlans = (rows: Result[]): Plan[] => rows.flatMap((r) => (r.anchor ? [{ instance: r.instance, ...r.anchor }] : []));

/** "vehicles / best-known vehicles | mean gap at the best-known fleet (reached/runs)" for a group of runs. */
function fleetAndGap(rows: Plan[], bks: Map<string, Bks>): string {
  const known = rows.map((r) => bks.get(r.instance.toLowerCase())!);
  const gaps = rows.map((r, i) => gapAtFleet(r, known[i]!)).filter((g) => g !== undefined);
  const vehicles = rows.reduce((a, r) => a + r.vehicles, 0);
  const bksVehicles = known.reduce((a, b) => a + b.vehicles, 0);
  return `${vehicles} / ${bksVehicles} | ${gaps.length ? pct(gaps.reduce((a, b) => a + b, 0) / gaps.length) : '–'} (${gaps.length}/${rows.length})`;
}

interface Args {
  readonly budgets: [number, number][];
  /** A work budget in iterations for every run, instead of the time budgets. */
  readonly iterations: number | undefined;
  readonly seeds: number[];
  readonly instances: string[] | undefined;
  /** Every instance of each size instead of the first of each class. */
  readonly wholeSet: boolean;
  readonly jobs: number;
  readonly out: string;
  /** Whether PyVRP runs beside (--anchor pyvrp). */
  readonly anchor: boolean;
  /** The command line as given, for the report. */
  readonly command: string;
}

function readArgs(): Args {
  const { values } = parseArgs({
    options: {
      budgets: { type: 'string', default: '100:5,400:15,1000:60' },
      jobs: { type: 'string', default: '1' },
      iterations: { type: 'string' },
      seeds: { type: 'string', default: '1' },
      instances: { type: 'string' },
      'whole-set': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results/vrptw-scale.md' },
      anchor: { type: 'string' },
    },
  });
  return {
    budgets: values.budgets.split(',').map((pair) => pair.split(':').map(Number) as [number, number]),
    iterations: values.iterations === undefined ? undefined : Number(values.iterations),
    seeds: values.seeds.split(',').map(Number),
    instances: values.instances?.split(',').map((name) => name.toLowerCase()),
    wholeSet: values['whole-set'],
    jobs: Math.max(1, Number(values.jobs)),
    out: values.out,
    anchor: anchorOption(values.anchor, values.iterations !== undefined),
    command: `npm run bench:vrptw-scale -- ${process.argv.slice(2).join(' ')}`.trim(),
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const bks = readBks();
  const work = args.iterations !== undefined;
  const tasks = args.budgets
    .flatMap(([size, seconds]) => args.seeds.flatMap((seed) => (args.wholeSet ? wholeSetFor : tasksFor)(size, args.iterations ?? seconds, work, seed)))
    .filter((t) => !args.instances || args.instances.includes(t.instance.toLowerCase()));
  const anchorPython = args.anchor ? pyvrpPython() : undefined;
  const results = await runAll(tasks, args.jobs, bks, anchorPython);
  const anchorColumns = args.anchor ? ' PyVRP vehicles | PyVRP gap at BKS fleet | PyVRP checker |' : '';
  const anchorRule = args.anchor ? ' ---: | ---: | --- |' : '';
  const lines = [
    '# Route planner at scale',
    '',
    `\`${args.command}\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end (${work ? 'a work budget: the same routes for a seed on a busy machine' : 'runs are comparable only on a quiet machine'}). Hierarchical objective, seed${args.seeds.length > 1 ? 's' : ''} ${args.seeds.join(', ')}, one core per run; every solution checked by the independent checker. Gap: distance against the best-known at the same fleet (– when the fleet differs).${args.anchor ? ' PyVRP (the anchor, bench/support/pyvrp-anchor.py): its own fleet minimisation for half the budget, then its search at that fleet, one thread, right after our run of the same instance and seed; its routes checked by the same checker.' : ''}`,
    '',
    `| size | instance | seed | ${work ? 'iterations budget' : 'budget s'} | CPU s | iterations | vehicles | BKS vehicles | distance | BKS distance | gap at BKS fleet | to BKS fleet s | to BKS fleet iterations | peak RSS MB | checker |${anchorColumns}`,
    `| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |${anchorRule}`,
  ];
  const anchorSummary = args.anchor ? ' PyVRP vehicles vs BKS | PyVRP mean gap at BKS fleet (instances) |' : '';
  const anchorSummaryRule = args.anchor ? ' ---: | ---: |' : '';
  const summary = ['', `| size | vehicles vs BKS | mean gap at BKS fleet (instances) | mean time to BKS fleet | max memory MB |${anchorSummary}`, `| ---: | ---: | ---: | ---: | ---: |${anchorSummaryRule}`];
  const byClass = ['', `| size | class | vehicles vs BKS | mean gap at BKS fleet (instances) |${anchorSummary}`, `| ---: | --- | ---: | ---: |${anchorSummaryRule}`];
  const anchorCells = (rows: Result[]): string => (args.anchor ? ` ${fleetAndGap(anchorPlans(rows), bks)} |` : '');
  for (const [size] of args.budgets) {
    // In task order, whichever job finished first.
    const rows = tasks.filter((t) => t.size === size).map((t) => results.find((r) => r.instance === t.instance && r.seed === t.seed)!);
    if (rows.length === 0) continue;
    for (const r of rows) {
      const b = bks.get(r.instance.toLowerCase())!;
      const gap = gapAtFleet(r, b);
      const anchorGap = r.anchor && gapAtFleet({ instance: r.instance, ...r.anchor }, b);
      const anchor = r.anchor ? ` ${r.anchor.vehicles} | ${anchorGap === undefined ? '–' : pct(anchorGap)} | ${r.anchor.feasible ? 'ok' : 'INFEASIBLE'} |` : '';
      lines.push(`| ${size} | ${r.instance} | ${r.seed} | ${r.budget} | ${r.cpuSeconds.toFixed(1)} | ${r.iterations} | ${r.vehicles} | ${b.vehicles} | ${r.distance.toFixed(2)} | ${b.distance.toFixed(2)} | ${gap === undefined ? '–' : pct(gap)} | ${r.toFleet === null ? 'not reached' : r.toFleet.toFixed(1)} | ${r.toFleetIterations ?? 'not reached'} | ${r.memoryMb.toFixed(0)} | ${r.feasible ? 'ok' : 'INFEASIBLE'} |${anchor}`);
    }
    for (const c of CLASSES.map((name) => name.toUpperCase())) {
      const members = rows.filter((r) => classOf(r.instance) === c);
      if (members.length > 0) byClass.push(`| ${size} | ${c} | ${fleetAndGap(members, bks)} |${anchorCells(members)}`);
    }
    const reached = rows.filter((r) => r.toFleet !== null).map((r) => r.toFleet!);
    summary.push(`| ${size} | ${fleetAndGap(rows, bks)} | ${reached.length ? `${(reached.reduce((a, b) => a + b, 0) / reached.length).toFixed(1)} s (${reached.length}/${rows.length})` : '–'} | ${Math.max(...rows.map((r) => r.memoryMb)).toFixed(0)} |${anchorCells(rows)}`);
  }
  const md = [...lines, ...summary, ...byClass, ''].join('\n');
  writeFileSync(path.resolve(repoRoot, args.out), md);
  console.log(md);
}

if (process.argv.includes('--child')) {
  process.on('message', ({ task, bksVehicles }: { task: Task; bksVehicles: number }) => process.send?.(runTask(task, bksVehicles)));
} else {
  await main();
}
