import { type CompiledProblem, EPS, serviceStart } from './compiled-problem.js';
import type { Random } from './random.js';
import type { SolutionState } from './solution-state.js';

/** How many of a visit's nearest visits mark the routes an insertion scans first (`nearCandidates`). */
const NEAR_VISITS = 100;

/**
 * Exchanges into full routes that a rebuild tries before it opens a route more (`Ejector`): a visit no
 * route has room for takes the place of another, which `eject` returns for the rebuild to place later.
 */
export interface Exchanges {
  /** Routes in use at most before a route more is opened. */
  readonly fleet: number;
  readonly canEject: boolean;
  begin(): void;
  placing(u: number): void;
  eject(s: SolutionState, u: number, rng: Random, blink: number): number;
}

/** Whether a rebuild should stop, given the state so far and how many visits could not be placed. */
export type GiveUp = (s: SolutionState, failed: number) => boolean;

/**
 * Greedy insertion with blinks (Christiaens & Vanden Berghe 2020, SISR): each visit goes to its
 * cheapest feasible position, but every position is skipped with a small probability so repeated
 * rebuilds explore different solutions.
 */
export class Recreator {
  private readonly typeSeen: Int32Array;
  private stamp = 0;
  private readonly keys: Float64Array;
  /** Distance of each visit from the first vehicle's start, for the far/close orders. */
  private readonly depotDistance: Float64Array;
  /** Routes holding one of the visit's nearest neighbours carry the insertion's stamp (`nearCandidates`). */
  private readonly nearRoute: Int32Array;
  /** The routes of the current pass (`candidates`). */
  private readonly routes: Int32Array;
  /** The empty routes the current pass may open (`candidates`). */
  private readonly empties: Int32Array;
  /** Up to nearVisits + 1 visits every non-empty route holds a near visit: one pass scans them all. */
  private readonly allNear: boolean;
  private best = Infinity;
  private bestR = -1;
  private bestP = -1;

  /** `nearVisits`: Infinity scans every route in one pass, as before the granular recreate. */
  constructor(
    private readonly cp: CompiledProblem,
    private readonly nearVisits = NEAR_VISITS,
  ) {
    this.typeSeen = new Int32Array(cp.nTypes);
    this.keys = new Float64Array(cp.nVisits);
    this.depotDistance = new Float64Array(cp.nVisits);
    this.nearRoute = new Int32Array(cp.nVehicles);
    this.routes = new Int32Array(cp.nVehicles);
    this.empties = new Int32Array(cp.nTypes);
    this.allNear = cp.nVisits - 1 <= nearVisits;
    const depot = cp.nVisits;
    for (let i = 0; i < cp.nVisits; i++) this.depotDistance[i] = cp.cost[depot * cp.nNodes + i]!;
  }

  /** Whether every insertion scans every route in one pass (small instances, or `nearVisits` Infinity). */
  get scansEveryRoute(): boolean {
    return this.allNear;
  }

  /**
   * Inserts list[0..count) in a randomly chosen order; returns how many could not be placed. With a
   * finite `warpPenalty` a visit may break windows, at that cost per unit of time warp (`insertCheapest`).
   * `giveUp`, asked after each visit with the number not placed so far, may stop the rebuild: then the
   * rest stays unplaced and the answer is -1. With `ejector`, a visit that fits in no route of its
   * fleet may be exchanged into a full one before a route more is opened; list[] must have room for
   * the visits it takes out.
   */
  run(s: SolutionState, list: Int32Array, count: number, rng: Random, maxRoutes: number, blink: number, warpPenalty = Infinity, giveUp?: GiveUp, ejector?: Exchanges): number {
    this.order(list, count, rng);
    ejector?.begin();
    let failed = 0;
    for (let i = 0; i < count; i++) {
      const u = list[i]!;
      ejector?.placing(u);
      if (ejector?.canEject) {
        // Before a route more is opened, u may take the place of a visit in a full route; that visit
        // goes to the end of the list.
        if (this.insertCheapest(s, u, rng, ejector.fleet, blink, warpPenalty)) continue;
        const v = ejector.eject(s, u, rng, blink);
        if (v >= 0) {
          list[count++] = v;
          continue;
        }
      }
      // After a failed exchange this scans the routes in use again, not only a route more: a visit
      // whose only places all blinked (1 % of the visits with one place) finds one now. Scanning only
      // the empty routes changed the plans at 400 visits and saved under 2 % of the CPU.
      if (!this.insertCheapest(s, u, rng, maxRoutes, blink, warpPenalty)) failed++;
      if (giveUp?.(s, failed)) return -1;
    }
    return failed;
  }

  // SISR weights random 4, demand 4, far 2, close 1; a deadline order is added for time windows.
  private order(list: Int32Array, count: number, rng: Random): void {
    const pick = rng.int(13);
    const keys = this.keys;
    const cp = this.cp;
    if (pick < 4) {
      for (let i = count - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = list[i]!;
        list[i] = list[j]!;
        list[j] = t;
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      const u = list[i]!;
      if (pick < 8) keys[i] = -cp.demand[u]!;
      else if (pick < 10) keys[i] = -this.depotDistance[u]!;
      else if (pick < 11) keys[i] = this.depotDistance[u]!;
      else keys[i] = cp.close[u]!;
    }
    // Insertion sort: lists are short (about ten visits) and this allocates nothing.
    for (let i = 1; i < count; i++) {
      const u = list[i]!;
      const k = keys[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > k) {
        keys[j + 1] = keys[j]!;
        list[j + 1] = list[j]!;
        j--;
      }
      keys[j + 1] = k;
      list[j + 1] = u;
    }
  }

  /**
   * Whether route r may take u at all (skills, capacity), and, for an empty route, whether it may be
   * opened: only while fewer than maxRoutes are used, and one empty vehicle per type per insertion
   * (`stamp`), as empty vehicles of a type are interchangeable.
   */
  private mayTake(s: SolutionState, r: number, u: number, stamp: number, allowNewRoutes: boolean): boolean {
    const cp = this.cp;
    if (s.len[r] === 0) {
      if (!allowNewRoutes) return false;
      const t = cp.vehicleType[r]!;
      if (this.typeSeen[t] === stamp) return false;
      this.typeSeen[t] = stamp;
    }
    const req = cp.requiredSkills[u]!;
    return (cp.vehicleSkills[r]! & req) === req && s.load[r]! + cp.demand[u]! <= cp.capacity[r]!;
  }

  /** Starts the insertion of u: nothing found yet. */
  private begin(): void {
    this.stamp++;
    this.best = Infinity;
    this.bestR = -1;
    this.bestP = -1;
  }

  /**
   * The routes the first pass of u's insertion scans, in route order: the empty ones it may open and,
   * on large instances, those holding one of u's NEAR_VISITS nearest visits (granular recreate: a
   * visit's cheapest position is almost always beside one of them), which it stamps for the second
   * pass; small instances (Solomon's 100, `allNear`) scan every route. The near routes are collected
   * from the neighbours, not by a loop over the whole fleet for every insertion (a fifth of the CPU on
   * Gehring–Homberger rc1_4_1, 100 vehicles of which 36 used): the same plans with 2–9 % less CPU.
   */
  private nearCandidates(s: SolutionState, u: number, maxRoutes: number): number {
    if (this.allNear) return this.candidates(s, u, maxRoutes, true);
    const stamp = this.stamp;
    let count = s.used < maxRoutes ? this.emptyCandidates(s, u, stamp, this.routes) : 0;
    const n = this.cp.nVisits;
    const neighbours = this.cp.neighbours;
    const routes = this.routes;
    for (let i = 0; i < this.nearVisits; i++) {
      const r = s.routeOf[neighbours[u * (n - 1) + i]!]!;
      if (r < 0 || this.nearRoute[r] === stamp) continue;
      this.nearRoute[r] = stamp;
      if (this.mayTake(s, r, u, stamp, false)) routes[count++] = r;
    }
    // Route order, as the scan of the whole fleet had it: among equally cheap positions the first wins.
    for (let i = 1; i < count; i++) {
      const r = routes[i]!;
      let j = i - 1;
      while (j >= 0 && routes[j]! > r) {
        routes[j + 1] = routes[j]!;
        j--;
      }
      routes[j + 1] = r;
    }
    return count;
  }

  /** The first empty vehicle of each type, where it may take u (`mayTake`), into `into`; returns how many. */
  private emptyCandidates(s: SolutionState, u: number, stamp: number, into: Int32Array): number {
    let count = 0;
    let types = 0;
    const idle = this.cp.nVehicles - s.used;
    for (let i = 0; i < idle && types < this.cp.nTypes; i++) {
      const r = s.idle[i]!;
      if (this.typeSeen[this.cp.vehicleType[r]!] === stamp) continue;
      types++;
      if (this.mayTake(s, r, u, stamp, true)) into[count++] = r;
    }
    return count;
  }

  /**
   * The routes a pass of u's insertion scans, in route order: with `near`, every route (`allNear`);
   * without, the second pass, only when none of the first pass's could take u: the routes it left out.
   * The routes in use and the empty ones that may be opened (`emptyCandidates`) are merged in route
   * order, so among equally cheap positions the first wins, as in a scan of the whole fleet.
   */
  private candidates(s: SolutionState, u: number, maxRoutes: number, near: boolean): number {
    const stamp = this.stamp;
    const routes = this.routes;
    const empties = this.empties;
    // Empty routes belong to the first pass.
    const emptyCount = near && s.used < maxRoutes ? this.emptyCandidates(s, u, stamp, empties) : 0;
    let count = 0;
    let e = 0;
    for (let i = 0; i < s.used; i++) {
      const r = s.inUse[i]!;
      while (e < emptyCount && empties[e]! < r) routes[count++] = empties[e++]!;
      const first = this.allNear || this.nearRoute[r] === stamp;
      if (first === near && this.mayTake(s, r, u, stamp, false)) routes[count++] = r;
    }
    while (e < emptyCount) routes[count++] = empties[e++]!;
    return count;
  }

  /**
   * Takes position p of route r at cost d if it beats the best so far and does not blink. Only such a
   * position draws its blink: a blink elsewhere could not change the choice, so each position is still
   * skipped with probability `blink`, for a fraction of the draws (a draw per position scanned was a
   * large share of the scans' time on long routes).
   */
  private consider(d: number, r: number, p: number, rng: Random, blink: number): void {
    if (d < this.best && (blink === 0 || rng.next() >= blink)) {
      this.best = d;
      this.bestR = r;
      this.bestP = p;
    }
  }

  /**
   * Cheapest insertion of u; an empty route is opened only while fewer than maxRoutes are used. With
   * an infinite `penalty` only feasible positions count; with a finite one windows may break, at that
   * cost per unit of added time warp (a state with `trackWarp`), while capacity, skills and the route
   * limit still hold.
   */
  insertCheapest(s: SolutionState, u: number, rng: Random, maxRoutes: number, blink: number, penalty = Infinity): boolean {
    this.begin();
    for (let pass = 0; pass < 2 && this.bestR < 0; pass++) {
      const count = pass === 0 ? this.nearCandidates(s, u, maxRoutes) : this.candidates(s, u, maxRoutes, false);
      for (let i = 0; i < count; i++) {
        if (penalty === Infinity) this.scanFeasible(s, u, this.routes[i]!, rng, blink);
        else this.scanPenalised(s, u, this.routes[i]!, rng, blink, penalty);
      }
    }
    if (this.bestR < 0) return false;
    s.insert(u, this.bestR, this.bestP);
    return true;
  }

  /**
   * The detour of u's cheapest position in route r that keeps every window, whatever the route's load
   * and skills (the caller checks those), or Infinity; `foundAt` tells the position.
   */
  cheapestIn(s: SolutionState, u: number, r: number, rng: Random, blink: number): number {
    this.begin();
    this.scanFeasible(s, u, r, rng, blink);
    return this.bestR < 0 ? Infinity : this.best;
  }

  /** The position `cheapestIn` found last: u goes after it. */
  get foundAt(): number {
    return this.bestP;
  }

  private scanFeasible(s: SolutionState, u: number, r: number, rng: Random, blink: number): void {
    const cp = this.cp;
    const size = cp.nNodes;
    const { time, cost, timeIn, costIn, service } = cp;
    const row = u * size;
    const open = cp.open[u]!;
    const close = cp.close[u]! + EPS;
    const multi = cp.multiWindow[u] === 1;
    const su = service[u]!;
    const n = s.len[r]!;
    const nodes = s.nodes[r]!;
    const e = s.early[r]!;
    const l = s.late[r]!;
    // u starts no earlier than it opens, so no position fits whose next visit must start before u's
    // opening plus its service. Latest starts grow along a route (each is at most the next one's less
    // service and travel), so those positions are a prefix, skipped by bisection: with narrow windows
    // most positions a scan reaches lie before the window.
    const earliestNext = open + su - EPS;
    let first = 0;
    let last = n;
    while (first < last) {
      const mid = (first + last) >> 1;
      if (l[mid + 1]! < earliestNext) first = mid + 1;
      else last = mid;
    }
    let prev = nodes[first]!;
    for (let p = first; p <= n; p++) {
      const next = nodes[p + 1]!;
      const a = e[p]! + service[prev]! + timeIn[row + prev]!;
      // Starts only grow along a route, so (triangle inequality) later positions arrive even later.
      if (a > close) break;
      const st = multi ? serviceStart(cp, u, a) : a < open ? open : a;
      if (st + su + time[row + next]! <= l[p + 1]! + EPS) {
        this.consider(costIn[row + prev]! + cost[row + next]! - cost[prev * size + next]!, r, p, rng, blink);
      }
      prev = next;
    }
  }

  private scanPenalised(s: SolutionState, u: number, r: number, rng: Random, blink: number, penalty: number): void {
    const cp = this.cp;
    const size = cp.nNodes;
    const { time, timeIn, cost, costIn, service } = cp;
    const row = u * size;
    const open = cp.open[u]!;
    const close = cp.close[u]!;
    const su = service[u]!;
    const n = s.len[r]!;
    const nodes = s.nodes[r]!;
    const e = s.early[r]!;
    const cw = s.cumWarp[r]!;
    const tailWarp = s.tailWarp[r]!;
    const tailLate = s.tailLate[r]!;
    const warp = s.routeWarp[r]!;
    let prev = nodes[0]!;
    for (let p = 0; p <= n; p++) {
      const next = nodes[p + 1]!;
      const arrival = e[p]! + service[prev]! + timeIn[row + prev]!;
      // With u after p the route warps at least its warp so far plus u's lateness, and by the triangle
      // inequality later positions only add to that sum. Once that much more warp than the route has
      // costs the best so far, the rest of the route cannot win. (The lateness alone is no bound: u
      // starting at its closing time can take lateness off the visits after it.)
      const late = arrival - close;
      if (late > 0 && penalty * (cw[p]! + late - warp) >= this.best) break;
      const detour = costIn[row + prev]! + cost[row + next]! - cost[prev * size + next]!;
      // By the same inequality an insertion never lowers the route's warp, so a detour that alone
      // costs as much as the best so far cannot win, and its warp is not computed. The warp is
      // `insertionWarp`'s, written out here: this loop is half the CPU on the wide-window classes.
      if (detour < this.best) {
        const start = late > 0 ? close : arrival < open ? open : arrival;
        const tail = start + su + time[row + next]! - tailLate[p + 1]!;
        const added = cw[p]! + (late > 0 ? late : 0) + tailWarp[p + 1]! + (tail > 0 ? tail : 0) - warp;
        this.consider(detour + penalty * added, r, p, rng, blink);
      }
      prev = next;
    }
  }
}
