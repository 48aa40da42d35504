import { type CompiledProblem, EPS } from './compiled-problem.js';
import { NewRouteMoves } from './new-route-moves.js';
import { SwapStar } from './swap-star.js';
import { commitEdit, type Edit, editDelta, newEdit } from './route-edit.js';
import type { SolutionState } from './solution-state.js';

/**
 * Granularity (Toth & Vigo 2003): only moves that create an arc from a visit to one of its nearest
 * neighbours are tried; good solutions rarely use long arcs, and this keeps a pass O(N·k).
 */
const NEIGHBOURS = 20;
/**
 * A move whose arc change (`arcDelta`) is above this is not evaluated further. Not 0: the two sums add
 * the same arcs in another order, so a move at about -1e-9 in `evaluate` must not be dropped here.
 */
const PRUNE = 1e-7;

/**
 * The moves, each named after what happens to visit u relative to its neighbour v:
 * - relocate: u moves to right after v;
 * - swap: u and v trade places;
 * - or-opt2 / or-opt3: the string of 2 or 3 visits starting at u moves to right after v;
 * - two-opt-star: u's route keeps its head up to u and continues with v and the rest of v's route;
 *   v's route keeps its head before v and continues with what followed u.
 */
export const MOVES = ['relocate', 'swap', 'or-opt2', 'or-opt3', 'two-opt-star'] as const;
export type MoveKind = (typeof MOVES)[number];

/**
 * Local search that polishes a solution with hard time windows, capacity and skills. A move is
 * evaluated by concatenation (Vidal et al. 2013; Savelsbergh 1992): the untouched head of a route
 * ends at its known earliest start (`early`) and the untouched tail must be reached by its latest
 * start (`late`), so only the few visits the move touches are simulated. Between routes that is
 * O(1) (at most three visits); within one route the visits between the two positions are simulated
 * as well, which granularity keeps short. A move is applied only when it is feasible and shortens
 * the plan, so polishing never breaks a window; it opens a route only for an objective that does not
 * count vehicles (`NewRouteMoves`).
 */
export class LocalSearch {
  private readonly edits: [Edit, Edit];
  private editCount = 0;
  private readonly k: number;
  /**
   * Per (visit u, its k-th neighbour v): the versions of u's and v's routes when no move of u with v
   * shortened the plan. Equal versions mean equal routes, so the passes that follow an improvement
   * (and the next polish) skip the pairs nothing touched; the moves found are the same.
   */
  private readonly idleU: Float64Array;
  private readonly idleV: Float64Array;
  /** Moves applied since construction; a work measure for the benchmark. */
  applied = 0;

  private readonly swapStar: SwapStar | undefined;
  private readonly newRoutes: NewRouteMoves | undefined;

  /** `swapStar` off leaves only the granular moves (the tests compare the two). */
  constructor(private readonly cp: CompiledProblem, neighbours = NEIGHBOURS, swapStar = true) {
    this.swapStar = swapStar ? new SwapStar(cp) : undefined;
    // Only an objective that does not count vehicles may gain from opening a route.
    this.newRoutes = cp.objective !== 'hierarchical' ? new NewRouteMoves(cp) : undefined;
    this.edits = [newEdit(cp), newEdit(cp)];
    this.k = Math.min(neighbours, Math.max(0, cp.nVisits - 1));
    this.idleU = new Float64Array(cp.nVisits * this.k).fill(-1);
    this.idleV = new Float64Array(cp.nVisits * this.k).fill(-1);
  }

  /**
   * Applies improving moves, first found first, until none is left, then a SWAP* pass over route
   * pairs, and again while SWAP* changes something; true if the plan changed.
   */
  run(s: SolutionState): boolean {
    let changed = false;
    for (;;) {
      let improved = true;
      while (improved) {
        improved = false;
        for (let u = 0; u < this.cp.nVisits; u++) {
          if (s.routeOf[u]! >= 0 && this.improveAround(s, u)) improved = changed = true;
        }
      }
      if (!this.swapStar?.run(s)) return changed;
      changed = true;
    }
  }

  private improveAround(s: SolutionState, u: number): boolean {
    const cp = this.cp;
    const n = cp.nVisits;
    let improved = false;
    for (let k = 0; k < this.k; k++) {
      const v = cp.neighbours[u * (n - 1) + k]!;
      if (s.routeOf[v]! < 0) continue;
      const slot = u * this.k + k;
      if (this.idleU[slot] === s.version[s.routeOf[u]!] && this.idleV[slot] === s.version[s.routeOf[v]!]) continue;
      let found = false;
      for (const kind of MOVES) {
        if (this.arcDelta(s, kind, u, v) > PRUNE) continue;
        if (this.evaluate(s, kind, u, v) < -1e-9) {
          this.commit(s);
          improved = found = true;
        }
      }
      if (found) continue;
      this.idleU[slot] = s.version[s.routeOf[u]!]!;
      this.idleV[slot] = s.version[s.routeOf[v]!]!;
    }
    if (this.newRoutes?.improve(s, u)) improved = true;
    return improved;
  }

  /**
   * The move's change in arc cost from the arcs it breaks and makes, in O(1), before `evaluate`
   * builds its edits and simulates the times: most moves tried do not shorten the plan, and for
   * long routes (wide windows) the simulation walks every visit between the two positions. Exact for
   * a move that applies; for one that does not, any number (`evaluate` then says so).
   */
  arcDelta(s: SolutionState, kind: MoveKind, u: number, v: number): number {
    const cp = this.cp;
    const size = cp.nNodes;
    const c = cp.cost;
    const n1 = s.nodes[s.routeOf[u]!]!;
    const n2 = s.nodes[s.routeOf[v]!]!;
    const i = s.posOf[u]!;
    const j = s.posOf[v]!;
    const a = n1[i - 1]!;
    const y = n2[j + 1]!;
    switch (kind) {
      case 'swap': {
        const b = n1[i + 1]!;
        const x = n2[j - 1]!;
        return c[a * size + v]! + c[v * size + b]! - c[a * size + u]! - c[u * size + b]! + c[x * size + u]! + c[u * size + y]! - c[x * size + v]! - c[v * size + y]!;
      }
      case 'two-opt-star': {
        const x = n2[j - 1]!;
        const b = n1[i + 1]!;
        return c[u * size + v]! - c[u * size + b]! + (c[x * size + b]! - c[x * size + v]!);
      }
      default: {
        // The string from u to e moves between v and y.
        const last = i + (kind === 'relocate' ? 0 : kind === 'or-opt2' ? 1 : 2);
        const e = n1[last]!;
        const b = n1[last + 1]!;
        return c[a * size + b]! - c[a * size + u]! - c[e * size + b]! + c[v * size + u]! + c[e * size + y]! - c[v * size + y]!;
      }
    }
  }

  /** Change in arc cost if the move were applied, or Infinity when it does not apply or is infeasible. */
  evaluate(s: SolutionState, kind: MoveKind, u: number, v: number): number {
    if (u === v || !this.prepare(s, kind, u, v)) return Infinity;
    if (kind === 'two-opt-star') return this.evaluateTails(s);
    let delta = 0;
    for (let i = 0; i < this.editCount; i++) {
      const d = editDelta(this.cp, s, this.edits[i]!);
      if (d === Infinity) return Infinity;
      delta += d;
    }
    return delta;
  }

  /** Applies the move; the caller has checked with `evaluate` that it is feasible. */
  apply(s: SolutionState, kind: MoveKind, u: number, v: number): void {
    if (!this.prepare(s, kind, u, v)) throw new RangeError(`${kind} does not apply to ${u}, ${v}`);
    this.commit(s);
  }

  private commit(s: SolutionState): void {
    for (let i = 0; i < this.editCount; i++) commitEdit(s, this.edits[i]!);
    this.applied++;
  }

  /**
   * Describes the move as one or two edits and checks capacity and skills; false when the move does
   * not apply (u already after v, v inside the moved string, ...).
   */
  private prepare(s: SolutionState, kind: MoveKind, u: number, v: number): boolean {
    const r1 = s.routeOf[u]!;
    const r2 = s.routeOf[v]!;
    const i = s.posOf[u]!;
    const j = s.posOf[v]!;
    this.editCount = 0;
    switch (kind) {
      case 'relocate':
        return this.moveString(s, r1, i, 1, r2, j);
      case 'or-opt2':
        return this.moveString(s, r1, i, 2, r2, j);
      case 'or-opt3':
        return this.moveString(s, r1, i, 3, r2, j);
      case 'swap':
        return this.swap(s, r1, i, r2, j);
      case 'two-opt-star':
        return this.tails(s, r1, i, r2, j);
    }
  }

  private edit(r: number, lo: number, hi: number): Edit {
    const e = this.edits[this.editCount++]!;
    e.r = r;
    e.lo = lo;
    e.hi = hi;
    e.count = 0;
    return e;
  }

  private copy(e: Edit, nodes: Int32Array, from: number, to: number): void {
    for (let p = from; p <= to; p++) e.buf[e.count++] = nodes[p]!;
  }

  /** The string at positions i..i+len-1 of route r1 goes right after position j of route r2. */
  private moveString(s: SolutionState, r1: number, i: number, len: number, r2: number, j: number): boolean {
    const last = i + len - 1;
    if (last > s.len[r1]!) return false;
    const n1 = s.nodes[r1]!;
    if (r1 === r2) {
      if (j >= i - 1 && j <= last) return false;
      if (j > last) {
        const e = this.edit(r1, i, j);
        this.copy(e, n1, last + 1, j);
        this.copy(e, n1, i, last);
      } else {
        const e = this.edit(r1, j + 1, last);
        this.copy(e, n1, i, last);
        this.copy(e, n1, j + 1, i - 1);
      }
      return true;
    }
    const cp = this.cp;
    let skills = 0;
    for (let p = i; p <= last; p++) skills |= cp.requiredSkills[n1[p]!]!;
    const load = s.cumLoad[r1]![last]! - s.cumLoad[r1]![i - 1]!;
    if ((cp.vehicleSkills[r2]! & skills) !== skills || s.load[r2]! + load > cp.capacity[r2]!) return false;
    this.edit(r1, i, last);
    this.copy(this.edit(r2, j + 1, j), n1, i, last);
    return true;
  }

  private swap(s: SolutionState, r1: number, i: number, r2: number, j: number): boolean {
    const n1 = s.nodes[r1]!;
    const n2 = s.nodes[r2]!;
    if (r1 === r2) {
      // Neighbours in one route: swapping them is a relocate, tried as such.
      if (Math.abs(i - j) < 2) return false;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const e = this.edit(r1, a, b);
      e.buf[e.count++] = n1[b]!;
      this.copy(e, n1, a + 1, b - 1);
      e.buf[e.count++] = n1[a]!;
      return true;
    }
    const u = n1[i]!;
    const v = n2[j]!;
    if (!this.exchangeFits(s, r1, v, u) || !this.exchangeFits(s, r2, u, v)) return false;
    const a = this.edit(r1, i, i);
    a.buf[a.count++] = v;
    const b = this.edit(r2, j, j);
    b.buf[b.count++] = u;
    return true;
  }

  /**
   * Whether route r may take visit `add` in place of `drop` (skills, capacity). A method, not a
   * closure in `swap`: a closure made per tried swap was 3 % of the CPU on r1_4_3, with its garbage.
   */
  private exchangeFits(s: SolutionState, r: number, add: number, drop: number): boolean {
    const cp = this.cp;
    const req = cp.requiredSkills[add]!;
    return (cp.vehicleSkills[r]! & req) === req && s.load[r]! - cp.demand[drop]! + cp.demand[add]! <= cp.capacity[r]!;
  }

  /**
   * Exchanges the tails after u and from v. Tails move to another vehicle's end, so both vehicles
   * must be of one type (same end, shift, skills and capacity); then only the loads need checking.
   */
  private tails(s: SolutionState, r1: number, i: number, r2: number, j: number): boolean {
    const cp = this.cp;
    if (r1 === r2 || cp.vehicleType[r1] !== cp.vehicleType[r2]) return false;
    const len1 = s.len[r1]!;
    const len2 = s.len[r2]!;
    const c1 = s.cumLoad[r1]!;
    const c2 = s.cumLoad[r2]!;
    if (c1[i]! + s.load[r2]! - c2[j - 1]! > cp.capacity[r1]!) return false;
    if (c2[j - 1]! + s.load[r1]! - c1[i]! > cp.capacity[r2]!) return false;
    this.copy(this.edit(r1, i + 1, len1), s.nodes[r2]!, j, len2);
    this.copy(this.edit(r2, j, len2), s.nodes[r1]!, i + 1, len1);
    return true;
  }

  /** 2-opt*: each head's last start plus the new arc must reach the other tail by its latest start. */
  private evaluateTails(s: SolutionState): number {
    const cp = this.cp;
    const size = cp.nNodes;
    let delta = 0;
    for (let k = 0; k < 2; k++) {
      const head = this.edits[k]!;
      const tail = this.edits[1 - k]!;
      // The tail starts at tail.lo of its old route, which is the route of the other edit.
      const hn = s.nodes[head.r]!;
      const tn = s.nodes[tail.r]!;
      const from = hn[head.lo - 1]!;
      const to = tn[tail.lo]!;
      const arrival = s.early[head.r]![head.lo - 1]! + cp.service[from]! + cp.time[from * size + to]!;
      if (arrival > s.late[tail.r]![tail.lo]! + EPS) return Infinity;
      delta += cp.cost[from * size + to]! - cp.cost[from * size + hn[head.lo]!]!;
    }
    return delta;
  }
}
