import { type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import type { SolutionState } from './solution-state.js';

/** One route's change: positions lo..hi (none when hi = lo - 1) become buf[0..count). */
export interface Edit {
  r: number;
  lo: number;
  hi: number;
  readonly buf: Int32Array;
  count: number;
}

export function newEdit(cp: CompiledProblem): Edit {
  return { r: 0, lo: 0, hi: 0, buf: new Int32Array(cp.nVisits + 2), count: 0 };
}

/**
 * Cost change of one edit, or Infinity if a window breaks (concatenation, Vidal et al. 2013): simulate
 * from the head's last earliest start through the new visits; the untouched tail must then be
 * reached by its latest start. Loads and skills are the caller's to check.
 */
export function editDelta(cp: CompiledProblem, s: SolutionState, e: Edit): number {
  const size = cp.nNodes;
  const nodes = s.nodes[e.r]!;
  let prev = nodes[e.lo - 1]!;
  let t = s.early[e.r]![e.lo - 1]!;
  let delta = 0;
  for (let k = 0; k < e.count; k++) {
    const x = e.buf[k]!;
    t = serviceStart(cp, x, t + cp.service[prev]! + cp.time[prev * size + x]!);
    if (t === Infinity) return Infinity;
    delta += cp.cost[prev * size + x]!;
    prev = x;
  }
  const next = nodes[e.hi + 1]!;
  if (t + cp.service[prev]! + cp.time[prev * size + next]! > s.late[e.r]![e.hi + 1]! + EPS) return Infinity;
  delta += cp.cost[prev * size + next]!;
  for (let p = e.lo - 1; p <= e.hi; p++) delta -= cp.cost[nodes[p]! * size + nodes[p + 1]!]!;
  return delta;
}

export function commitEdit(s: SolutionState, e: Edit): void {
  s.splice(e.r, e.lo, e.hi, e.buf, e.count);
}
