import type { CompiledProblem } from './compiled-problem.js';
import type { Random } from './random.js';
import type { SolutionState } from './solution-state.js';

/** SISR defaults (Christiaens & Vanden Berghe 2020): average removed visits and maximum string length. */
const AVG_REMOVED = 10;
const MAX_STRING = 10;
const SPLIT_RATE = 0.5;

/**
 * Slack-inducing string removal: removes strings of consecutive visits from routes near a seed visit
 * (random, or one the caller names), so the freed visits are geographically close and can be
 * re-sequenced together.
 */
export class Ruiner {
  readonly removed: Uint8Array;
  readonly list: Int32Array;
  count = 0;
  private readonly ruinedRoute: Int32Array;
  private stamp = 0;

  constructor(private readonly cp: CompiledProblem) {
    this.removed = new Uint8Array(cp.nVisits);
    this.list = new Int32Array(cp.nVisits);
    this.ruinedRoute = new Int32Array(cp.nVehicles);
  }

  /**
   * Removes strings from `s`; the removed visits end up in list[0..count). The strings lie around
   * visit `around` (placed or not), or around a random placed visit when it is -1.
   */
  run(s: SolutionState, rng: Random, around = -1): void {
    const cp = this.cp;
    const n = cp.nVisits;
    this.count = 0;
    const used = s.usedRoutes();
    const assigned = n - s.unassignedCount();
    if (assigned === 0) return;
    const lsMax = Math.min(MAX_STRING, assigned / used);
    const ksMax = (4 * AVG_REMOVED) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * Math.max(1, ksMax)) + 1;
    let seed = around;
    if (seed < 0) {
      seed = rng.int(n);
      while (s.routeOf[seed]! < 0) seed = (seed + 1) % n;
    }
    const stamp = ++this.stamp;
    let ruined = 0;
    for (let k = -1; k < n - 1 && ruined < ks; k++) {
      const c = k < 0 ? seed : cp.neighbours[seed * (n - 1) + k]!;
      const r = s.routeOf[c]!;
      if (r < 0 || this.ruinedRoute[r] === stamp) continue;
      this.ruinedRoute[r] = stamp;
      ruined++;
      const lmax = Math.min(s.len[r]!, lsMax);
      const l = Math.floor(rng.next() * lmax) + 1;
      if (l < s.len[r]! && rng.next() < SPLIT_RATE) this.removeSplitString(s, r, c, l, rng);
      else this.removeString(s, r, c, l, rng);
      s.compact(r, this.removed);
    }
    for (let i = 0; i < this.count; i++) this.removed[this.list[i]!] = 0;
  }

  private take(s: SolutionState, u: number): void {
    this.removed[u] = 1;
    this.list[this.count++] = u;
    s.markRemoved(u);
  }

  /** Removes l consecutive visits containing c. */
  private removeString(s: SolutionState, r: number, c: number, l: number, rng: Random): void {
    const first = this.stringStart(s.len[r]!, s.posOf[c]!, l, rng);
    const nodes = s.nodes[r]!;
    for (let i = first; i < first + l; i++) this.take(s, nodes[i]!);
  }

  /** Removes l visits from a string of l + m around c, keeping m consecutive ones in the middle. */
  private removeSplitString(s: SolutionState, r: number, c: number, l: number, rng: Random): void {
    const len = s.len[r]!;
    let m = 1;
    while (l + m < len && rng.next() < 0.5) m++;
    const total = l + m;
    const first = this.stringStart(len, s.posOf[c]!, total, rng);
    const keepFrom = first + rng.int(l + 1);
    const nodes = s.nodes[r]!;
    for (let i = first; i < first + total; i++) if (i < keepFrom || i >= keepFrom + m) this.take(s, nodes[i]!);
  }

  /** A random first position of a string of `size` visits within 1..len that contains position pc. */
  private stringStart(len: number, pc: number, size: number, rng: Random): number {
    const lo = Math.max(1, pc - size + 1);
    const hi = Math.min(pc, len - size + 1);
    return lo + rng.int(hi - lo + 1);
  }
}
