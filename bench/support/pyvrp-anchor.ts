import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseSolomon, type ObjectiveKind } from '../../src/modules/routing/index.js';
import { checkRoutes } from './vrptw-solution-file.js';

/** The anchor's version the issue names; its runner uses a private reader pinned to it. */
const PYVRP_VERSION = '0.14.0';
const RUNNER = path.join(import.meta.dirname, 'pyvrp-anchor.py');
/** Where a virtual environment with PyVRP is created when PYVRP_PYTHON is not set (ignored by git). */
const VENV = path.join(import.meta.dirname, '..', '.pyvrp-venv');
const execFileAsync = promisify(execFile);

/** One PyVRP run, re-checked by the independent checker. */
export interface AnchorRun {
  readonly vehicles: number;
  readonly distance: number;
  readonly feasible: boolean;
  readonly iterations: number;
}

/** Reads `--anchor`: true for pyvrp, false when absent; anything else, or a work budget, is refused. */
export function anchorOption(value: string | undefined, workBudget: boolean): boolean {
  if (value === undefined) return false;
  if (value !== 'pyvrp') throw new Error(`--anchor: only pyvrp is known, not ${value}`);
  // PyVRP stops on time only, so it has no work budget to compare at.
  if (workBudget) throw new Error('--anchor pyvrp needs time budgets, not --iterations');
  return true;
}

/**
 * A Python that imports PyVRP: PYVRP_PYTHON when set, else a virtual environment under `dir` (VENV), created
 * with pip on first use. Throws with what to do when neither works (pip needs its package index; where
 * that is out of reach, build PyVRP from source and point PYVRP_PYTHON at it).
 */
export function pyvrpPython(dir = VENV): string {
  const given = process.env.PYVRP_PYTHON;
  const python = given ?? path.join(dir, 'bin', 'python');
  if (!given && !existsSync(python)) {
    run('python3', ['-m', 'venv', dir], 'could not create a Python virtual environment');
    run(python, ['-m', 'pip', 'install', '--quiet', `pyvrp==${PYVRP_VERSION}`], `pip could not install pyvrp ${PYVRP_VERSION}`);
  }
  run(python, ['-c', 'import pyvrp, vrplib'], `${python} cannot import pyvrp and vrplib`);
  return python;
}

function run(command: string, args: string[], failure: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`--anchor pyvrp: ${failure} (${(result.stderr || String(result.error ?? '')).trim().split('\n').pop()}). Set PYVRP_PYTHON to a Python that imports pyvrp ${PYVRP_VERSION}.`);
  }
}

/**
 * PyVRP on one instance for `seconds`, one thread, and the checker's verdict on its routes. Asynchronous,
 * so the benchmark's other job keeps its core meanwhile.
 */
export async function runAnchor(python: string, file: string, seed: number, seconds: number, objective: ObjectiveKind): Promise<AnchorRun> {
  const out = await execFileAsync(python, [RUNNER, file, String(seed), String(seconds), objective], { maxBuffer: 16 * 2 ** 20 }).then(
    (done) => done.stdout,
    (error: { stderr?: string; message: string }) => {
      throw new Error(`--anchor pyvrp: PyVRP failed on ${path.basename(file)} (${(error.stderr || error.message).trim().split('\n').pop()})`);
    },
  );
  const answer = JSON.parse(out.trim().split('\n').pop()!) as { routes: string[][]; iterations: number; feasible: boolean };
  const { problem } = parseSolomon(readFileSync(file, 'utf8'));
  const report = checkRoutes(problem, answer.routes.filter((r) => r.length > 0));
  return { vehicles: report.vehicles, distance: report.distance, feasible: report.feasible && answer.feasible, iterations: answer.iterations };
}
