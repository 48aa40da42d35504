import { CircleSector } from './circle-sector.js';
import { type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import { commitEdit, type Edit, editDelta, newEdit } from './route-edit.js';
import type { SolutionState } from './solution-state.js';

/** Insertion positions kept per (visit, route): Vidal (2022) shows three always contain the best one after a removal. */
const TOP = 3;

/**
 * SWAP* (Vidal 2022): visits u and v of two routes trade routes, but each goes to its best position in
 * the other route, not necessarily where the other one was. Per (visit, route) the three cheapest
 * feasible insertions are cached and recomputed only when the route's version changes; after u leaves
 * its route, the best place for v is among those three (minus the two next to u) or u's old place.
 * Positions found feasible with u still in the route stay feasible without it when travel times obey
 * the triangle inequality; the chosen move is re-checked by concatenation before it is applied, so
 * a move that breaks a window (other matrices) is never applied.
 */
export class SwapStar {
  /** Per (visit x, route r): insert x after these positions of r, cheapest first; -1 when none. */
  private readonly topPos: Int32Array;
  private readonly topCost: Float64Array;
  /** The route version each (visit, route) entry was computed for. */
  private readonly topVersion: Float64Array;
  private readonly sectors: CircleSector[];
  private readonly edits: [Edit, Edit];
  /**
   * Per route pair (r1 < r2): the two routes' versions when the pair last held no improving swap.
   * Equal versions mean equal routes, so the polish's repeated passes skip the pairs nothing touched.
   */
  private readonly idleVersion1: Float64Array;
  private readonly idleVersion2: Float64Array;
  /** Per position of the pair's second route: its visit's removal change and cheapest cached insertion into the first. */
  private readonly removal2: Float64Array;
  private readonly cheapest2: Float64Array;
  /** Positions chosen by the last estimate: v goes after `posV` in u's route, u after `posU` in v's. */
  private posV = -1;
  private posU = -1;
  /** Position (insert after) that the last `bestInsertion` chose; the removed visit's own position means its place. */
  private chosen = -1;
  /** Moves applied since construction; a work measure for the benchmark. */
  applied = 0;

  constructor(private readonly cp: CompiledProblem) {
    const cells = cp.nVisits * cp.nVehicles;
    this.topPos = new Int32Array(cells * TOP);
    this.topCost = new Float64Array(cells * TOP);
    this.topVersion = new Float64Array(cells).fill(-1);
    this.sectors = Array.from({ length: cp.nVehicles }, () => new CircleSector());
    this.edits = [newEdit(cp), newEdit(cp)];
    this.idleVersion1 = new Float64Array(cp.nVehicles * cp.nVehicles).fill(-1);
    this.idleVersion2 = new Float64Array(cp.nVehicles * cp.nVehicles).fill(-1);
    this.removal2 = new Float64Array(cp.nVisits + 2);
    this.cheapest2 = new Float64Array(cp.nVisits + 2);
  }

  /** One pass over all route pairs with overlapping sectors, applying each pair's best improving swap. */
  run(s: SolutionState): boolean {
    const nv = this.cp.nVehicles;
    for (let r = 0; r < nv; r++) this.updateSector(s, r);
    let changed = false;
    for (let r1 = 0; r1 < nv; r1++) {
      if (s.len[r1] === 0) continue;
      for (let r2 = r1 + 1; r2 < nv; r2++) {
        if (s.len[r2] === 0 || !this.sectors[r1]!.overlaps(this.sectors[r2]!)) continue;
        if (this.improvePair(s, r1, r2)) {
          changed = true;
          this.updateSector(s, r1);
          this.updateSector(s, r2);
        }
      }
    }
    return changed;
  }

  /**
   * Cost change of the best SWAP* of u and v by the cached insertions, or Infinity when the routes
   * cannot take each other's visit (same route, skills, capacity, no feasible position).
   */
  evaluate(s: SolutionState, u: number, v: number): number {
    const cp = this.cp;
    const r1 = s.routeOf[u]!;
    const r2 = s.routeOf[v]!;
    if (r1 < 0 || r2 < 0 || r1 === r2) return Infinity;
    if (!this.fits(s, r1, v, u) || !this.fits(s, r2, u, v)) return Infinity;
    const size = cp.nNodes;
    const n1 = s.nodes[r1]!;
    const n2 = s.nodes[r2]!;
    const i = s.posOf[u]!;
    const j = s.posOf[v]!;
    const insV = this.bestInsertion(s, v, r1, i);
    if (insV === Infinity) return Infinity;
    this.posV = this.chosen;
    const insU = this.bestInsertion(s, u, r2, j);
    if (insU === Infinity) return Infinity;
    this.posU = this.chosen;
    return removal(cp.cost, size, n1[i - 1]!, u, n1[i + 1]!) + insV + removal(cp.cost, size, n2[j - 1]!, v, n2[j + 1]!) + insU;
  }

  /** Applies the swap `evaluate` describes if a full check by concatenation finds it feasible; true if applied. */
  apply(s: SolutionState, u: number, v: number): boolean {
    if (this.evaluate(s, u, v) === Infinity) return false;
    const r1 = s.routeOf[u]!;
    const r2 = s.routeOf[v]!;
    this.describe(s, this.edits[0], r1, s.posOf[u]!, v, this.posV);
    this.describe(s, this.edits[1], r2, s.posOf[v]!, u, this.posU);
    if (editDelta(this.cp, s, this.edits[0]) === Infinity || editDelta(this.cp, s, this.edits[1]) === Infinity) return false;
    commitEdit(s, this.edits[0]);
    commitEdit(s, this.edits[1]);
    this.applied++;
    return true;
  }

  /** The three cheapest feasible insertions of x into route r as [position, cost change] pairs (for tests). */
  insertions(s: SolutionState, x: number, r: number): [number, number][] {
    const base = this.top(s, x, r);
    const out: [number, number][] = [];
    for (let k = 0; k < TOP && this.topPos[base + k]! >= 0; k++) out.push([this.topPos[base + k]!, this.topCost[base + k]!]);
    return out;
  }

  /** The pair's best improving swap, applied; a pair found without one is skipped until a route changes. */
  private improvePair(s: SolutionState, r1: number, r2: number): boolean {
    const pair = r1 * this.cp.nVehicles + r2;
    if (this.idleVersion1[pair] === s.version[r1] && this.idleVersion2[pair] === s.version[r2]) return false;
    const found = this.bestSwap(s, r1, r2);
    if (found && this.apply(s, found[0], found[1])) return true;
    this.idleVersion1[pair] = s.version[r1]!;
    this.idleVersion2[pair] = s.version[r2]!;
    return false;
  }

  /**
   * The swap of a visit u of r1 and a visit v of r2 that `evaluate` finds shortest, as [u, v, change],
   * when it shortens the plan. A pair is evaluated in full only when a lower bound on its change beats
   * the best so far: each visit's insertion costs at least the lesser of its cheapest cached one and
   * the detour of taking the other's place, whether or not that keeps the windows. The bound adds the
   * same terms in the same order as `evaluate`, each no larger, so it never drops the move chosen.
   */
  bestSwap(s: SolutionState, r1: number, r2: number): [number, number, number] | undefined {
    const cp = this.cp;
    const size = cp.nNodes;
    const c = cp.cost;
    const n1 = s.nodes[r1]!;
    const n2 = s.nodes[r2]!;
    const len1 = s.len[r1]!;
    const len2 = s.len[r2]!;
    const removal2 = this.removal2;
    const cheapest2 = this.cheapest2;
    for (let j = 1; j <= len2; j++) {
      const v = n2[j]!;
      removal2[j] = removal(c, size, n2[j - 1]!, v, n2[j + 1]!);
      cheapest2[j] = this.topCost[this.top(s, v, r1)]!;
    }
    let best = -1e-9;
    let bu = -1;
    let bv = -1;
    for (let i = 1; i <= len1; i++) {
      const u = n1[i]!;
      const prev1 = n1[i - 1]!;
      const next1 = n1[i + 1]!;
      const removeU = removal(c, size, prev1, u, next1);
      const cheapestU = this.topCost[this.top(s, u, r2)]!;
      const bridge1 = c[prev1 * size + next1]!;
      for (let j = 1; j <= len2; j++) {
        const v = n2[j]!;
        const inPlaceV = c[prev1 * size + v]! + c[v * size + next1]! - bridge1;
        const prev2 = n2[j - 1]!;
        const next2 = n2[j + 1]!;
        const inPlaceU = c[prev2 * size + u]! + c[u * size + next2]! - c[prev2 * size + next2]!;
        const bound = removeU + Math.min(cheapest2[j]!, inPlaceV) + removal2[j]! + Math.min(cheapestU, inPlaceU);
        if (!(bound < best)) continue;
        const d = this.evaluate(s, u, v);
        if (d < best) {
          best = d;
          bu = u;
          bv = v;
        }
      }
    }
    return bu >= 0 ? [bu, bv, best] : undefined;
  }

  /** Route r can take x in place of y: skills and load. */
  private fits(s: SolutionState, r: number, x: number, y: number): boolean {
    const cp = this.cp;
    const req = cp.requiredSkills[x]!;
    return (cp.vehicleSkills[r]! & req) === req && s.load[r]! - cp.demand[y]! + cp.demand[x]! <= cp.capacity[r]!;
  }

  /**
   * Cheapest insertion of x into route r once the visit at position i has left: a cached position not
   * next to i, or position i itself (checked here in O(1)).
   */
  private bestInsertion(s: SolutionState, x: number, r: number, i: number): number {
    const cp = this.cp;
    const size = cp.nNodes;
    const nodes = s.nodes[r]!;
    const prev = nodes[i - 1]!;
    const next = nodes[i + 1]!;
    let best = Infinity;
    this.chosen = -1;
    const st = serviceStart(cp, x, s.early[r]![i - 1]! + cp.service[prev]! + cp.time[prev * size + x]!);
    if (st + cp.service[x]! + cp.time[x * size + next]! <= s.late[r]![i + 1]! + EPS) {
      best = cp.cost[prev * size + x]! + cp.cost[x * size + next]! - cp.cost[prev * size + next]!;
      this.chosen = i;
    }
    const base = this.top(s, x, r);
    for (let k = 0; k < TOP; k++) {
      const p = this.topPos[base + k]!;
      if (p < 0) break;
      if (p === i - 1 || p === i) continue;
      if (this.topCost[base + k]! < best) {
        best = this.topCost[base + k]!;
        this.chosen = p;
      }
      break;
    }
    return best;
  }

  /** Index of the (x, r) cache entry, recomputed when route r has changed since. */
  private top(s: SolutionState, x: number, r: number): number {
    const cell = x * this.cp.nVehicles + r;
    const base = cell * TOP;
    if (this.topVersion[cell] === s.version[r]) return base;
    this.topVersion[cell] = s.version[r]!;
    const cp = this.cp;
    const size = cp.nNodes;
    const nodes = s.nodes[r]!;
    const e = s.early[r]!;
    const l = s.late[r]!;
    const pos = this.topPos;
    const cost = this.topCost;
    for (let k = 0; k < TOP; k++) {
      pos[base + k] = -1;
      cost[base + k] = Infinity;
    }
    // The arcs into x from x's row of the transposed matrices, as in the recreate's scans.
    const row = x * size;
    let prev = nodes[0]!;
    for (let p = 0; p <= s.len[r]!; p++) {
      const next = nodes[p + 1]!;
      const st = serviceStart(cp, x, e[p]! + cp.service[prev]! + cp.timeIn[row + prev]!);
      if (st !== Infinity && st + cp.service[x]! + cp.time[row + next]! <= l[p + 1]! + EPS) {
        const d = cp.costIn[row + prev]! + cp.cost[row + next]! - cp.cost[prev * size + next]!;
        // Insertion into the sorted three.
        let k = TOP - 1;
        if (d < cost[base + k]!) {
          while (k > 0 && cost[base + k - 1]! > d) {
            cost[base + k] = cost[base + k - 1]!;
            pos[base + k] = pos[base + k - 1]!;
            k--;
          }
          cost[base + k] = d;
          pos[base + k] = p;
        }
      }
      prev = next;
    }
    return base;
  }

  /** Edit of route r: the visit at position i leaves and x goes after position p (p = i: in its place). */
  private describe(s: SolutionState, e: Edit, r: number, i: number, x: number, p: number): void {
    const nodes = s.nodes[r]!;
    e.r = r;
    e.count = 0;
    if (p === i || p === i - 1) {
      e.lo = i;
      e.hi = i;
      e.buf[e.count++] = x;
    } else if (p < i) {
      e.lo = p + 1;
      e.hi = i;
      e.buf[e.count++] = x;
      for (let q = p + 1; q < i; q++) e.buf[e.count++] = nodes[q]!;
    } else {
      e.lo = i;
      e.hi = p;
      for (let q = i + 1; q <= p; q++) e.buf[e.count++] = nodes[q]!;
      e.buf[e.count++] = x;
    }
  }

  private updateSector(s: SolutionState, r: number): void {
    const n = s.len[r]!;
    if (n === 0) return;
    const nodes = s.nodes[r]!;
    const sector = this.sectors[r]!;
    sector.reset(this.cp.angle[nodes[1]!]!);
    for (let i = 2; i <= n; i++) sector.extend(this.cp.angle[nodes[i]!]!);
  }
}

/** Cost change of taking x out from between a and b. */
function removal(cost: Float64Array, size: number, a: number, x: number, b: number): number {
  return cost[a * size + b]! - cost[a * size + x]! - cost[x * size + b]!;
}
