import type { CompiledProblem } from './compiled-problem.js';
import { commitEdit, type Edit, editDelta, newEdit } from './route-edit.js';
import type { SolutionState } from './solution-state.js';

/**
 * Moves that open a route, for objectives that do not count vehicles: u alone moves to an empty
 * route ('relocate-new'), or u and the rest of its route do ('split'). Without them the local search
 * could close routes but never open one, which biases the distance objective towards too few routes
 * on wide-window instances. One empty route per vehicle type is tried, as in the recreate step.
 */
export const NEW_ROUTE_MOVES = ['relocate-new', 'split'] as const;
export type NewRouteMove = (typeof NEW_ROUTE_MOVES)[number];

export class NewRouteMoves {
  private readonly edits: [Edit, Edit];
  private readonly typeSeen: Int32Array;
  private stamp = 0;
  /** Moves applied since construction. */
  applied = 0;

  constructor(private readonly cp: CompiledProblem) {
    this.edits = [newEdit(cp), newEdit(cp)];
    this.typeSeen = new Int32Array(cp.nTypes);
  }

  /** Applies the first improving move that takes u to an empty route; true if one was applied. */
  improve(s: SolutionState, u: number): boolean {
    const cp = this.cp;
    const stamp = ++this.stamp;
    for (let r = 0; r < cp.nVehicles; r++) {
      if (s.len[r] !== 0 || this.typeSeen[cp.vehicleType[r]!] === stamp) continue;
      this.typeSeen[cp.vehicleType[r]!] = stamp;
      for (const kind of NEW_ROUTE_MOVES) {
        if (this.evaluate(s, kind, u, r) < -1e-9) {
          this.commit(s);
          return true;
        }
      }
    }
    return false;
  }

  /** Cost change of moving u (and, for 'split', its route's rest) to empty route r; Infinity if infeasible. */
  evaluate(s: SolutionState, kind: NewRouteMove, u: number, r: number): number {
    if (!this.prepare(s, kind, u, r)) return Infinity;
    const d0 = editDelta(this.cp, s, this.edits[0]);
    return d0 === Infinity ? Infinity : d0 + editDelta(this.cp, s, this.edits[1]);
  }

  /** Applies the move whatever it costs (for tests); false when it does not apply or breaks a window. */
  apply(s: SolutionState, kind: NewRouteMove, u: number, r: number): boolean {
    if (this.evaluate(s, kind, u, r) === Infinity) return false;
    this.commit(s);
    return true;
  }

  private commit(s: SolutionState): void {
    commitEdit(s, this.edits[0]);
    commitEdit(s, this.edits[1]);
    this.applied++;
  }

  private prepare(s: SolutionState, kind: NewRouteMove, u: number, r: number): boolean {
    const cp = this.cp;
    const r1 = s.routeOf[u]!;
    if (r1 < 0 || r1 === r || s.len[r] !== 0) return false;
    const i = s.posOf[u]!;
    const last = kind === 'split' ? s.len[r1]! : i;
    // Splitting off the whole route only renames the vehicle; relocating a lone visit likewise.
    if (i === 1 && last === s.len[r1]) return false;
    const nodes = s.nodes[r1]!;
    let skills = 0;
    for (let p = i; p <= last; p++) skills |= cp.requiredSkills[nodes[p]!]!;
    const load = s.cumLoad[r1]![last]! - s.cumLoad[r1]![i - 1]!;
    if ((cp.vehicleSkills[r]! & skills) !== skills || load > cp.capacity[r]!) return false;
    const [from, to] = this.edits;
    from.r = r1;
    from.lo = i;
    from.hi = last;
    from.count = 0;
    to.r = r;
    to.lo = 1;
    to.hi = 0;
    to.count = 0;
    for (let p = i; p <= last; p++) to.buf[to.count++] = nodes[p]!;
    return true;
  }
}
