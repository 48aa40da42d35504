import { type CompiledProblem, EPS } from './compiled-problem.js';
import type { Random } from './random.js';
import type { Exchanges, Recreator } from './recreate.js';
import type { SolutionState } from './solution-state.js';

/**
 * Exchanges per rebuild, and how many of the visit's nearest visits mark the routes it may be exchanged
 * into: our choice, measured on Gehring–Homberger C1, R1 and RC1 at 400 visits. Three exchanges over
 * every route in use did better at the same work but cost 42 % more CPU and gained nothing at 15 s
 * (bench/results/vrptw-scale.md).
 */
const EJECTIONS = 2;
const EJECT_NEAR = 10;

/**
 * Exchanges for a rebuild at a full fleet (after Nagata & Bräysy 2009's ejections, limited to one
 * visit at a time): a visit that no route has room for takes the place of a visit at least as large
 * as the excess in a nearby route where it keeps every window, and that visit is placed later in the
 * same rebuild. At a fleet that carries 98–100 % of its capacity (Gehring–Homberger C1, R1, RC1) a
 * rebuild otherwise moves visits only between the routes its ruin emptied a little, or opens a route.
 */
export class Ejector implements Exchanges {
  /** Routes in use at most before a route more is opened; the search sets it to the best fleet. */
  fleet = 0;
  private left = 0;
  private rebuild = 0;
  /** Visits placed in the rebuild under way carry its number: they stay where they were put. */
  private readonly placedIn: Int32Array;
  private readonly taken: Uint8Array;
  private readonly routeSeen: Int32Array;
  private look = 0;
  /** What taking out the visit `largestSaving` chose saves. */
  private saving = 0;

  constructor(
    private readonly cp: CompiledProblem,
    private readonly recreator: Recreator,
  ) {
    this.placedIn = new Int32Array(cp.nVisits);
    this.taken = new Uint8Array(cp.nVisits);
    this.routeSeen = new Int32Array(cp.nVehicles);
  }

  /** A rebuild starts: EJECTIONS to spend. */
  begin(): void {
    this.rebuild++;
    this.left = EJECTIONS;
  }

  /** Whether this rebuild has an ejection left. */
  get canEject(): boolean {
    return this.left > 0;
  }

  /** u is being placed in this rebuild. */
  placing(u: number): void {
    this.placedIn[u] = this.rebuild;
  }

  /**
   * Puts u in the cheapest exchange (u's detour less the taken visit's saving) in a route whose load
   * alone keeps u out; returns the visit taken out, or -1 when there is none.
   */
  eject(s: SolutionState, u: number, rng: Random, blink: number): number {
    const cp = this.cp;
    const n = cp.nVisits;
    const look = ++this.look;
    const demand = cp.demand[u]!;
    const req = cp.requiredSkills[u]!;
    let best = Infinity;
    let bestV = -1;
    let bestR = -1;
    for (let k = 0; k < Math.min(EJECT_NEAR, n - 1); k++) {
      const r = s.routeOf[cp.neighbours[u * (n - 1) + k]!]!;
      if (r < 0 || this.routeSeen[r] === look) continue;
      this.routeSeen[r] = look;
      const excess = s.load[r]! + demand - cp.capacity[r]!;
      if (excess <= EPS || (cp.vehicleSkills[r]! & req) !== req) continue;
      const v = this.largestSaving(s, r, excess);
      if (v < 0) continue;
      const cost = this.recreator.cheapestIn(s, u, r, rng, 0) - this.saving;
      if (cost < best) {
        best = cost;
        bestV = v;
        bestR = r;
      }
    }
    if (bestV < 0) return -1;
    const p = s.posOf[bestV]!;
    this.taken[bestV] = 1;
    s.markRemoved(bestV);
    s.compact(bestR, this.taken);
    this.taken[bestV] = 0;
    // With the triangle inequality taking a visit out only makes the rest of the route earlier, so u
    // still fits; on a road matrix that breaks it the visit goes back where it was.
    if (this.recreator.cheapestIn(s, u, bestR, rng, blink) === Infinity) {
      s.insert(bestV, bestR, p - 1);
      return -1;
    }
    s.insert(u, bestR, this.recreator.foundAt);
    this.placedIn[bestV] = this.rebuild;
    this.left--;
    return bestV;
  }

  /**
   * The visit of route r, not placed in this rebuild and at least `excess` large, whose removal saves
   * most (that saving in `saving`).
   */
  private largestSaving(s: SolutionState, r: number, excess: number): number {
    const nodes = s.nodes[r]!;
    let bestV = -1;
    this.saving = -Infinity;
    for (let p = 1; p <= s.len[r]!; p++) {
      const v = nodes[p]!;
      if (this.cp.demand[v]! + EPS < excess || this.placedIn[v] === this.rebuild) continue;
      const saving = removalSaving(this.cp, s, v);
      if (saving > this.saving) {
        this.saving = saving;
        bestV = v;
      }
    }
    return bestV;
  }
}

/** What taking placed visit v out of its route saves in arc cost. */
function removalSaving(cp: CompiledProblem, s: SolutionState, v: number): number {
  const nodes = s.nodes[s.routeOf[v]!]!;
  const p = s.posOf[v]!;
  const a = nodes[p - 1]!;
  const b = nodes[p + 1]!;
  const size = cp.nNodes;
  return cp.cost[a * size + v]! + cp.cost[v * size + b]! - cp.cost[a * size + b]!;
}
