/**
 * Solomon VRPTW benchmark: every instance under the distance-only and the hierarchical objective at
 * each time budget, each solution verified by the independent checker. Writes bench/results/vrptw.md.
 *   npm run bench:vrptw -- [--budgets 0.5,2,5,30] [--instances C101,R101] [--jobs 1] [--seed 1]
 * With --jobs N, N single-threaded runs go in parallel child processes (one core each).
 * With --iterations N[,M] the budgets are work budgets (SolveOptions.maxIterations) instead of seconds:
 * load-independent, so a shared machine gives the same routes as a quiet one. --out names the result
 * file (default bench/results/vrptw.md). --objectives distance runs only the distance objective (half the
 * work when only the distance-only gap is measured). VRPTW_DATA overrides where the instances are read.
 * The distance-only gap is reported twice: against solomon-bks-distance.csv as it is, and against the
 * checked reference, where rows that a checked solution file contradicts are replaced
 * (bench/reference/solomon-bks-distance-checked.json names the file each replacement rests on).
 * --anchor pyvrp also runs PyVRP 0.14 on every instance, objective and time budget, checked the same way,
 * and adds its columns (bench/support/pyvrp-anchor.ts: PYVRP_PYTHON, or a virtual environment it creates).
 */
import { fork } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkSolution, parseSolomon, solve, type ObjectiveKind } from '../src/modules/routing/index.js';
import { anchorOption, pyvrpPython, runAnchor, type AnchorRun } from './support/pyvrp-anchor.js';
import { checkedReference, parseBksCsv, parseCheckedRows, type Bks, type CheckedRow } from './support/vrptw-reference.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
// VRPTW_DATA points elsewhere when the repository is not checked out beside ../shared (a worktree).
const dataDir = path.resolve(repoRoot, process.env.VRPTW_DATA ?? '../shared/benchmarks/vrptw');

interface Task {
  readonly instance: string;
  /** Seconds, or iterations when `work` is set. */
  readonly budget: number;
  readonly work: boolean;
  readonly objective: ObjectiveKind;
  readonly seed: number;
}

interface Result extends Task {
  readonly vehicles: number;
  readonly distance: number;
  readonly feasible: boolean;
  readonly violations: number;
  /** CPU seconds of the run: on a shared machine, where processes are paused, wall seconds say little. */
  readonly cpuSeconds: number;
  /** PyVRP on the same instance, objective, seed and budget (--anchor pyvrp). */
  readonly anchor?: AnchorRun;
}

const instanceFile = (instance: string): string => path.join(dataDir, 'solomon', `${instance}.txt`);

function runTask(task: Task): Result {
  const { problem } = parseSolomon(readFileSync(instanceFile(task.instance), 'utf8'));
  const cpuBefore = process.cpuUsage();
  const limit = task.work ? { maxIterations: task.budget } : { timeLimitMs: task.budget * 1000 };
  const solution = solve(problem, { objective: task.objective, ...limit, seed: task.seed });
  const cpu = process.cpuUsage(cpuBefore);
  const report = checkSolution(problem, solution, { distances: 'euclidean' });
  return { ...task, vehicles: report.vehicles, distance: report.distance, feasible: report.feasible, violations: report.violations.length, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const readBks = (file: string): Map<string, Bks> => parseBksCsv(readFileSync(path.join(dataDir, file), 'utf8'));
const checkedRows = (): CheckedRow[] => parseCheckedRows(readFileSync(path.join(repoRoot, 'bench/reference/solomon-bks-distance-checked.json'), 'utf8'));

interface Args {
  readonly budgets: number[];
  readonly work: boolean;
  readonly instances: string[];
  readonly jobs: number;
  readonly out: string;
  readonly seed: number;
  readonly objectives: ObjectiveKind[];
  /** Whether PyVRP runs beside (--anchor pyvrp). */
  readonly anchor: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const all = readdirSync(path.join(dataDir, 'solomon')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort(byName);
  const iterations = get('--iterations');
  const budgets = (iterations ?? get('--budgets') ?? '0.5,2,5,30').split(',').map(Number);
  const instances = get('--instances')?.split(',') ?? all;
  const out = get('--out') ?? 'bench/results/vrptw.md';
  const objectives = (get('--objectives') ?? 'distance,hierarchical').split(',') as ObjectiveKind[];
  const anchor = anchorOption(get('--anchor'), iterations !== undefined);
  return { budgets, work: iterations !== undefined, instances, jobs: Math.max(1, Number(get('--jobs') ?? 1)), out, seed: Number(get('--seed') ?? 1), objectives, anchor };
}

function byName(a: string, b: string): number {
  const key = (s: string): string => s.replace(/^(RC|R|C)(\d)/, (_, c: string, d: string) => `${{ C: 0, R: 1, RC: 2 }[c] ?? 9}${d}`);
  return key(a).localeCompare(key(b));
}

/** With `anchorPython`, PyVRP runs right after each run in the same job, so no more than `jobs` runs share the cores. */
async function runAll(tasks: Task[], jobs: number, anchorPython: string | undefined): Promise<Result[]> {
  const withAnchor = async (r: Result): Promise<Result> => logged(anchorPython === undefined ? r : { ...r, anchor: await runAnchor(anchorPython, instanceFile(r.instance), r.seed, r.budget, r.objective) });
  const results: Result[] = [];
  if (jobs === 1) {
    for (const task of tasks) results.push(await withAnchor(runTask(task)));
    return results;
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    const child = fork(import.meta.filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const result = await new Promise<Result>((resolve) => {
        child.once('message', (m) => resolve(m as Result));
        child.send(task);
      });
      results.push(await withAnchor(result));
    }
    child.kill();
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

function logged(r: Result): Result {
  const anchor = r.anchor ? `; PyVRP ${r.anchor.vehicles} veh, ${r.anchor.distance.toFixed(2)}${r.anchor.feasible ? '' : ' INFEASIBLE'}` : '';
  console.error(`${r.instance} ${r.objective} ${budgetLabel(r.budget, r.work)}: ${r.vehicles} veh, ${r.distance.toFixed(2)}${r.feasible ? '' : ` INFEASIBLE (${r.violations})`}${anchor}`);
  return r;
}

const SUMMARY_COLUMNS = 'avg gap distance-only | avg gap distance-only (checked reference) | vehicles (hier) vs BKS | avg hier distance gap (instances at BKS fleet) | infeasible';
const ANCHOR_COLUMNS = ' PyVRP avg gap distance-only | PyVRP vehicles (hier) vs BKS | PyVRP avg hier distance gap (instances at BKS fleet) | PyVRP infeasible |';
const ANCHOR_RULE = ' ---: | ---: | ---: | ---: |';
const budgetLabel = (budget: number, work: boolean): string => (work ? `${budget} iterations` : `${budget} s`);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;
const classOf = (name: string): string => name.replace(/\d\d$/, '');

interface Row {
  readonly name: string;
  readonly dist: Result;
  /** Absent when only the distance objective was run. */
  readonly hier: Result | undefined;
  readonly gapDistance: number;
  /** Against the checked reference: the same as gapDistance except on the rows it replaces. */
  readonly gapChecked: number;
  readonly gapHier: number | undefined;
  /** PyVRP's (--anchor pyvrp), against the same references. */
  readonly anchorGapDistance: number | undefined;
  readonly anchorGapHier: number | undefined;
  readonly bksD: Bks;
  readonly checkedD: Bks;
  readonly bksH: Bks;
}

interface References {
  readonly distance: Map<string, Bks>;
  readonly checked: Map<string, Bks>;
  readonly hierarchical: Map<string, Bks>;
}

function buildRows(results: Result[], budget: number, instances: string[], refs: References): Row[] {
  return instances.map((name) => {
    const pick = (o: ObjectiveKind): Result | undefined => results.find((r) => r.instance === name && r.budget === budget && r.objective === o);
    const dist = pick('distance')!;
    const hier = pick('hierarchical');
    const d = refs.distance.get(name)!;
    const c = refs.checked.get(name)!;
    const h = refs.hierarchical.get(name)!;
    return {
      name,
      dist,
      hier,
      bksD: d,
      checkedD: c,
      bksH: h,
      gapDistance: (dist.distance / d.distance - 1) * 100,
      gapChecked: (dist.distance / c.distance - 1) * 100,
      // A distance gap under the hierarchical objective only means something at the same fleet size.
      gapHier: hier && hier.vehicles === h.vehicles ? (hier.distance / h.distance - 1) * 100 : undefined,
      anchorGapDistance: dist.anchor && (dist.anchor.distance / d.distance - 1) * 100,
      anchorGapHier: hier?.anchor && hier.anchor.vehicles === h.vehicles ? (hier.anchor.distance / h.distance - 1) * 100 : undefined,
    };
  });
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function summarise(rows: Row[]): string[] {
  const hier = rows.flatMap((r) => (r.hier ? [r.hier] : []));
  const veh = hier.reduce((a, h) => a + h.vehicles, 0);
  const bksVeh = rows.reduce((a, r) => a + r.bksH.vehicles, 0);
  const same = rows.filter((r) => r.gapHier !== undefined);
  return [
    pct(mean(rows.map((r) => r.gapDistance))),
    pct(mean(rows.map((r) => r.gapChecked))),
    hier.length === rows.length ? `${veh} / ${bksVeh} (${pct((veh / bksVeh - 1) * 100)})` : '–',
    same.length ? `${pct(mean(same.map((r) => r.gapHier!)))} (${same.length}/${rows.length})` : '–',
    String([...rows.map((r) => r.dist), ...hier].filter((r) => !r.feasible).length),
  ];
}

/** The anchor's cells of a summary row (ANCHOR_COLUMNS), or none without --anchor. */
function anchorSummary(rows: Row[], anchor: boolean): string {
  if (!anchor) return '';
  const runs = rows.flatMap((r) => [r.dist.anchor, r.hier?.anchor]).filter((a) => a !== undefined);
  const hier = rows.flatMap((r) => (r.hier?.anchor ? [r.hier.anchor] : []));
  const same = rows.filter((r) => r.anchorGapHier !== undefined);
  const veh = hier.reduce((a, h) => a + h.vehicles, 0);
  const bksVeh = rows.reduce((a, r) => a + r.bksH.vehicles, 0);
  return ` ${[
    pct(mean(rows.map((r) => r.anchorGapDistance!))),
    hier.length === rows.length ? `${veh} / ${bksVeh}` : '–',
    same.length ? `${pct(mean(same.map((r) => r.anchorGapHier!)))} (${same.length}/${rows.length})` : '–',
    String(runs.filter((a) => !a.feasible).length),
  ].join(' | ')} |`;
}

function budgetSection(rows: Row[], label: string, anchor: boolean): string[] {
  const anchorHead = anchor ? ' PyVRP veh (dist) | PyVRP gap | PyVRP veh (hier) | PyVRP gap (same veh) | PyVRP checker |' : '';
  const anchorRule = anchor ? ' ---: | ---: | ---: | ---: | --- |' : '';
  const out = [`## Budget ${label}`, '', `| instance | veh (dist obj) | distance | BKS dist-only | gap | gap (checked reference) | veh (hier) | BKS veh | distance (hier) | BKS hier | gap (same veh) | CPU s (dist/hier) | checker |${anchorHead}`, `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |${anchorRule}`];
  for (const r of rows) {
    const violations = r.dist.violations + (r.hier?.violations ?? 0);
    const ok = violations === 0 ? 'ok' : `violations ${violations}`;
    const hier = r.hier ? [r.hier.vehicles, r.bksH.vehicles, r.hier.distance.toFixed(2), r.bksH.distance.toFixed(2), r.gapHier === undefined ? '–' : pct(r.gapHier)].join(' | ') : `– | ${r.bksH.vehicles} | – | ${r.bksH.distance.toFixed(2)} | –`;
    out.push(`| ${r.name} | ${r.dist.vehicles} | ${r.dist.distance.toFixed(2)} | ${r.bksD.distance.toFixed(2)} | ${pct(r.gapDistance)} | ${r.checkedD === r.bksD ? '' : `**${pct(r.gapChecked)}** (${r.checkedD.distance.toFixed(2)})`} | ${hier} | ${r.dist.cpuSeconds.toFixed(2)} / ${r.hier?.cpuSeconds.toFixed(2) ?? '–'} | ${ok} |${anchor ? anchorCells(r) : ''}`);
  }
  out.push('', `| class | ${SUMMARY_COLUMNS} |${anchor ? ANCHOR_COLUMNS : ''}`, `| --- | ---: | ---: | ---: | ---: | ---: |${anchor ? ANCHOR_RULE : ''}`);
  for (const c of [...new Set(rows.map((r) => classOf(r.name)))]) {
    const members = rows.filter((r) => classOf(r.name) === c);
    out.push(`| ${c} | ${summarise(members).join(' | ')} |${anchorSummary(members, anchor)}`);
  }
  out.push(`| all | ${summarise(rows).join(' | ')} |${anchorSummary(rows, anchor)}`, '');
  return out;
}

/** One instance's PyVRP cells: vehicles and gap under each objective, and the checker's verdict. */
function anchorCells(r: Row): string {
  const dist = r.dist.anchor;
  const hier = r.hier?.anchor;
  const gap = (g: number | undefined): string => (g === undefined ? '–' : pct(g));
  const ok = [dist, hier].every((a) => a === undefined || a.feasible) ? 'ok' : 'INFEASIBLE';
  return ` ${dist?.vehicles ?? '–'} | ${gap(r.anchorGapDistance)} | ${hier?.vehicles ?? '–'} | ${gap(r.anchorGapHier)} | ${ok} |`;
}

async function main(): Promise<void> {
  const { budgets, work, instances, jobs, out, seed, objectives, anchor } = parseArgs(process.argv.slice(2));
  if (!objectives.includes('distance')) throw new Error('--objectives must include distance: the rows are built around it');
  const tasks = budgets.flatMap((budget) => instances.flatMap((instance) => objectives.map((objective) => ({ instance, budget, work, objective, seed }))));
  const anchorPython = anchor ? pyvrpPython() : undefined;
  const results = await runAll(tasks, jobs, anchorPython);
  const distance = readBks('solomon-bks-distance.csv');
  const checked = checkedRows();
  const refs: References = { distance, checked: checkedReference(distance, checked), hierarchical: readBks('solomon-bks.csv') };
  const summary = [`| budget | ${SUMMARY_COLUMNS} |${anchor ? ANCHOR_COLUMNS : ''}`, `| ---: | ---: | ---: | ---: | ---: | ---: |${anchor ? ANCHOR_RULE : ''}`];
  const sections: string[] = [];
  for (const budget of budgets) {
    const rows = buildRows(results, budget, instances, refs);
    summary.push(`| ${budgetLabel(budget, work)} | ${summarise(rows).join(' | ')} |${anchorSummary(rows, anchor)}`);
    sections.push(...budgetSection(rows, budgetLabel(budget, work), anchor));
  }
  const header = [
    '# Solomon VRPTW benchmark',
    '',
    `Solver: SISR ruin-and-recreate with simulated annealing (src/modules/routing), seed ${seed}, one core per run, ${jobs} run(s) in parallel. Instances: ${instances.length}. Exact double Euclidean distances, time = distance; every solution verified by the independent checker.`,
    'Distance-only gap: solver with the distance objective (any fleet) against solomon-bks-distance.csv. Hierarchical: solver minimising vehicles first, against solomon-bks.csv.',
    ...(anchor ? ['PyVRP (the anchor, bench/support/pyvrp-anchor.py): one thread, right after our run of the same instance, objective and seed; distance-only with every vehicle available, hierarchical as its own fleet minimisation for half the budget and its search at that fleet for the rest; its routes checked by the same checker.'] : []),
    `Checked reference: solomon-bks-distance.csv with ${checked.map((c) => `${c.instance} ${c.replaces.distance} → ${c.distance} (${c.repository} ${c.path} at ${c.commit.slice(0, 7)})`).join(', ')}, the shortest plans that the independent checker accepts; see bench/reference/solomon-bks-distance-checked.json for why.`,
    '',
  ];
  const md = [...header, '## Summary', '', ...summary, '', ...sections].join('\n');
  writeFileSync(path.resolve(repoRoot, out), md);
  console.log(['## Summary', ...summary].join('\n'));
}

if (process.argv.includes('--child')) {
  process.on('message', (task: Task) => process.send?.(runTask(task)));
} else {
  await main();
}
