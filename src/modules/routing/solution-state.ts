import { type CompiledProblem, EPS, latestStart, serviceStart } from './compiled-problem.js';

/**
 * A solution in flat arrays. Route r belongs to vehicle r; position 0 is its start node and
 * position len+1 its end node. `early` holds the earliest service start at each position (forward
 * pass) and `late` the latest start that keeps the rest of the route feasible (backward pass), which
 * makes an insertion check O(1).
 */
/** Source of route versions; shared by all states so that equal versions mean equal route contents. */
let versionCounter = 0;

export class SolutionState {
  readonly nodes: Int32Array[];
  readonly early: Float64Array[];
  readonly late: Float64Array[];
  /** Load of positions 1..i, so a route's head or tail load is O(1) for the local search. */
  readonly cumLoad: Float64Array[];
  /**
   * Cost of the arcs up to position i, summed in route order, so that an update after a change from
   * position i on resumes from it and gives the same sums as a pass over the whole route.
   */
  private readonly cumCost: Float64Array[];
  readonly len: Int32Array;
  readonly load: Float64Array;
  readonly routeCost: Float64Array;
  /** Route of each visit, -1 when unassigned. */
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  /**
   * Changes whenever route r changes and is copied with it, so a cache keyed by it (SWAP*'s insertion
   * positions) stays valid across copies of an unchanged route and never survives a change.
   */
  readonly version: Float64Array;
  routeSum = 0;
  penaltySum = 0;
  /** Number of non-empty routes. */
  used = 0;
  /**
   * The non-empty routes in ascending order (the first `used` entries), so that an insertion scans the
   * routes in use instead of the whole fleet: at 400 visits 36 of 100 vehicles are used, and the loop
   * over all of them cost 3-4 % more CPU for the same plans.
   */
  readonly inUse: Int32Array;
  /**
   * The empty routes in ascending order (the first nVehicles - `used` entries), so that an insertion
   * finds the first empty vehicle of each type without walking past the routes in use.
   */
  readonly idle: Int32Array;
  /** Number of visits not in any route, kept by `insert` and `markRemoved` (the search asks every iteration). */
  private leftOut: number;
  /**
   * The visits in no route (the first `unassignedCount()` entries, in no order), so that the search
   * lists them without a loop over every visit (`leftOutInto`).
   */
  readonly unplaced: Int32Array;
  /** Each left-out visit's index in `unplaced`. */
  private readonly unplacedAt: Int32Array;
  /**
   * Time warp (Vidal et al. 2013): a route may arrive after a window closes and then "travels back" to
   * the closing time; the warp is how much time it travelled back. Only the hierarchical distance
   * phase's working solutions carry warp (`Recreator.insertCheapest` with a finite penalty); a solution
   * that becomes best has none.
   * `cumWarp` is the warp up to each position of the forward pass (whose `early` is then clipped to the
   * closing time).
   */
  readonly cumWarp: Float64Array[];
  readonly routeWarp: Float64Array;
  warpSum = 0;
  /**
   * With `trackWarp`, the time-warp segment of each route's tail from position i (its own warp and the
   * latest start at i that adds none), so the warp of an insertion is O(1) (`insertionWarp`).
   */
  readonly tailWarp: Float64Array[];
  readonly tailLate: Float64Array[];

  constructor(
    readonly cp: CompiledProblem,
    readonly trackWarp = false,
  ) {
    const n = cp.nVisits;
    const nv = cp.nVehicles;
    this.nodes = [];
    this.early = [];
    this.late = [];
    this.cumLoad = [];
    this.cumCost = [];
    this.cumWarp = [];
    this.tailWarp = [];
    this.tailLate = [];
    for (let r = 0; r < nv; r++) {
      const nodes = new Int32Array(n + 2);
      nodes[0] = n + r;
      nodes[1] = n + nv + r;
      this.nodes.push(nodes);
      this.early.push(new Float64Array(n + 2));
      this.late.push(new Float64Array(n + 2));
      this.cumLoad.push(new Float64Array(n + 2));
      this.cumCost.push(new Float64Array(n + 2));
      this.cumWarp.push(new Float64Array(n + 2));
      if (trackWarp) {
        this.tailWarp.push(new Float64Array(n + 2));
        this.tailLate.push(new Float64Array(n + 2));
      }
    }
    this.routeWarp = new Float64Array(nv);
    this.inUse = new Int32Array(nv);
    this.idle = Int32Array.from({ length: nv }, (_, r) => r);
    this.len = new Int32Array(nv);
    this.load = new Float64Array(nv);
    this.routeCost = new Float64Array(nv);
    this.version = new Float64Array(nv);
    this.routeOf = new Int32Array(n).fill(-1);
    this.leftOut = n;
    this.unplaced = Int32Array.from({ length: n }, (_, u) => u);
    this.unplacedAt = Int32Array.from({ length: n }, (_, u) => u);
    this.posOf = new Int32Array(n);
    for (let r = 0; r < nv; r++) this.updateRoute(r);
    for (let i = 0; i < n; i++) this.penaltySum += cp.penalty[i]!;
  }

  get total(): number {
    return this.routeSum + this.penaltySum;
  }

  usedRoutes(): number {
    return this.used;
  }

  unassignedCount(): number {
    return this.leftOut;
  }

  /** Writes the visits in no route into `into` in ascending order; returns how many. */
  leftOutInto(into: Int32Array): number {
    into.set(this.unplaced.subarray(0, this.leftOut));
    into.subarray(0, this.leftOut).sort();
    return this.leftOut;
  }

  /**
   * Copies only the routes whose version differs: equal versions mean equal contents (one counter for
   * all states), and a rebuild changes a few routes, so at 1,000 visits and 100 routes copying every
   * route was a third of the search's time.
   */
  copyFrom(o: SolutionState): void {
    const tailsFresh = this.trackWarp && !o.trackWarp;
    for (let r = 0; r < this.len.length; r++) {
      if (this.version[r] === o.version[r]) continue;
      const k = o.len[r]! + 2;
      copyInts(this.nodes[r]!, o.nodes[r]!, k);
      copyFloats(this.early[r]!, o.early[r]!, k);
      copyFloats(this.late[r]!, o.late[r]!, k);
      copyFloats(this.cumLoad[r]!, o.cumLoad[r]!, k);
      copyFloats(this.cumCost[r]!, o.cumCost[r]!, k);
      copyFloats(this.cumWarp[r]!, o.cumWarp[r]!, k);
      if (tailsFresh) {
        this.len[r] = o.len[r]!;
        this.updateTail(r);
      } else if (this.trackWarp) {
        copyFloats(this.tailWarp[r]!, o.tailWarp[r]!, k);
        copyFloats(this.tailLate[r]!, o.tailLate[r]!, k);
      }
    }
    this.routeWarp.set(o.routeWarp);
    this.warpSum = o.warpSum;
    this.len.set(o.len);
    this.load.set(o.load);
    this.routeCost.set(o.routeCost);
    this.version.set(o.version);
    this.routeOf.set(o.routeOf);
    this.posOf.set(o.posOf);
    this.routeSum = o.routeSum;
    this.penaltySum = o.penaltySum;
    this.used = o.used;
    this.inUse.set(o.inUse.subarray(0, o.used));
    this.idle.set(o.idle.subarray(0, this.idle.length - o.used));
    this.leftOut = o.leftOut;
    for (let i = 0; i < o.leftOut; i++) {
      const u = o.unplaced[i]!;
      this.unplaced[i] = u;
      this.unplacedAt[u] = i;
    }
  }

  /**
   * Recomputes schedule, load and cost of one route; O(route length). Positions before `from` are
   * unchanged since the last update, so the forward pass resumes there (an insertion or a ruin changes
   * the route from some position on). Positions after `lateFrom` hold their latest starts already
   * (the caller moved them with their nodes, `shiftLate`), so the backward pass starts there and
   * stops before `from` where it meets the values it had.
   */
  updateRoute(r: number, from = 1, lateFrom = Infinity): void {
    const cp = this.cp;
    const size = cp.nNodes;
    const nodes = this.nodes[r]!;
    const e = this.early[r]!;
    const l = this.late[r]!;
    const cum = this.cumLoad[r]!;
    const cw = this.cumWarp[r]!;
    const cc = this.cumCost[r]!;
    const n = this.len[r]!;
    if (from === 1) {
      e[0] = cp.open[nodes[0]!]!;
      cum[0] = 0;
      cw[0] = 0;
      cc[0] = 0;
    }
    let load = cum[from - 1]!;
    let cost = cc[from - 1]!;
    let warp = cw[from - 1]!;
    for (let i = from; i <= n + 1; i++) {
      const prev = nodes[i - 1]!;
      const cur = nodes[i]!;
      const arrival = e[i - 1]! + cp.service[prev]! + cp.time[prev * size + cur]!;
      if (cp.multiWindow[cur] === 1) {
        e[i] = serviceStart(cp, cur, arrival);
      } else {
        // The same start as serviceStart while the window holds; past it, warp back to the closing time.
        let st = arrival < cp.open[cur]! ? cp.open[cur]! : arrival;
        if (st > cp.close[cur]! + EPS) {
          warp += st - cp.close[cur]!;
          st = cp.close[cur]!;
        }
        e[i] = st;
      }
      cw[i] = warp;
      cost += cp.cost[prev * size + cur]!;
      cc[i] = cost;
      if (i <= n) {
        load += cp.demand[cur]!;
        cum[i] = load;
        this.routeOf[cur] = r;
        this.posOf[cur] = i;
      }
    }
    const top = Math.min(n, lateFrom);
    if (top === n) l[n + 1] = cp.close[nodes[n + 1]!]!;
    for (let i = top; i >= 0; i--) {
      const cur = nodes[i]!;
      const latest = latestStart(cp, cur, l[i + 1]! - cp.service[cur]! - cp.time[cur * size + nodes[i + 1]!]!);
      // Before `from` the nodes are as they were: once a latest start there comes out as before, so
      // do all earlier ones.
      if (i < from && l[i] === latest) break;
      l[i] = latest;
    }
    if (this.trackWarp) this.updateTail(r, from, top);
    this.warpSum += warp - this.routeWarp[r]!;
    this.routeWarp[r] = warp;
    this.load[r] = load;
    this.version[r] = ++versionCounter;
    this.routeSum += cost - this.routeCost[r]!;
    this.routeCost[r] = cost;
  }

  /**
   * Backward time-warp concatenation of route r's tails: visit i (window [open, close]) followed by the
   * tail from i+1 (warp W, latest start L) gains max(0, open + service + travel - L) warp, and its latest
   * start is min(L - service - travel, close) plus that gain. Single windows only (`warpApplies`).
   */
  private updateTail(r: number, from = 1, top = this.len[r]!): void {
    const cp = this.cp;
    const size = cp.nNodes;
    const nodes = this.nodes[r]!;
    const tw = this.tailWarp[r]!;
    const tl = this.tailLate[r]!;
    const n = this.len[r]!;
    if (top === n) {
      tw[n + 1] = 0;
      tl[n + 1] = cp.close[nodes[n + 1]!]!;
    }
    for (let i = top; i >= 0; i--) {
      const cur = nodes[i]!;
      const delta = cp.service[cur]! + cp.time[cur * size + nodes[i + 1]!]!;
      const gain = Math.max(0, cp.open[cur]! + delta - tl[i + 1]!);
      const latest = Math.min(tl[i + 1]! - delta, cp.close[cur]!) + gain;
      const warp = tw[i + 1]! + gain;
      // As in `updateRoute`: before `from`, a segment that comes out as before stays so, and all earlier.
      if (i < from && tl[i] === latest && tw[i] === warp) break;
      tl[i] = latest;
      tw[i] = warp;
    }
  }

  /**
   * Moves the latest starts (and tail segments) of positions start..end-1 to `to`, as the caller moved
   * their nodes: they describe the rest of the route from there, which the move left as it was.
   */
  private shiftLate(r: number, to: number, start: number, end: number): void {
    moveFloats(this.late[r]!, to, start, end);
    if (!this.trackWarp) return;
    moveFloats(this.tailWarp[r]!, to, start, end);
    moveFloats(this.tailLate[r]!, to, start, end);
  }

  /** True when no route warps time, i.e. every window holds. */
  timeFeasible(): boolean {
    for (let r = 0; r < this.routeWarp.length; r++) if (this.routeWarp[r]! > 0) return false;
    return true;
  }

  /** Inserts the unassigned visit u after position p of route r (caller has checked feasibility). */
  insert(u: number, r: number, p: number): void {
    const nodes = this.nodes[r]!;
    const n = this.len[r]!;
    moveInts(nodes, p + 2, p + 1, n + 2);
    nodes[p + 1] = u;
    this.shiftLate(r, p + 2, p + 1, n + 2);
    this.len[r] = n + 1;
    if (n === 0) this.opened(r);
    const last = this.unplaced[--this.leftOut]!;
    const at = this.unplacedAt[u]!;
    this.unplaced[at] = last;
    this.unplacedAt[last] = at;
    this.penaltySum -= this.cp.penalty[u]!;
    this.updateRoute(r, p + 1, p + 1);
  }

  /**
   * Replaces positions lo..hi of route r (none when hi = lo - 1) by buf[0..count); the caller has
   * checked feasibility and moves visits between routes without changing which are assigned.
   */
  splice(r: number, lo: number, hi: number, buf: Int32Array, count: number): void {
    const nodes = this.nodes[r]!;
    const n = this.len[r]!;
    moveInts(nodes, lo + count, hi + 1, n + 2);
    for (let i = 0; i < count; i++) nodes[lo + i] = buf[i]!;
    this.shiftLate(r, lo + count, hi + 1, n + 2);
    const m = n - (hi - lo + 1) + count;
    this.len[r] = m;
    if (n === 0 && m > 0) this.opened(r);
    if (n > 0 && m === 0) this.closed(r);
    this.updateRoute(r, lo, lo + count - 1);
  }

  /** Drops every visit flagged in `removed` from route r, keeping the order of the rest. */
  compact(r: number, removed: Uint8Array): void {
    const nodes = this.nodes[r]!;
    const n = this.len[r]!;
    let w = 1;
    let from = 0;
    let last = 0;
    for (let i = 1; i <= n + 1; i++) {
      const node = nodes[i]!;
      if (i <= n && removed[node] === 1) {
        if (from === 0) from = i;
        last = i;
        continue;
      }
      nodes[w++] = node;
    }
    // The positions after the last removed visit moved down by the number removed.
    const shift = n + 2 - w;
    if (last > 0) this.shiftLate(r, last + 1 - shift, last + 1, n + 2);
    this.len[r] = w - 2;
    if (n > 0 && w === 2) this.closed(r);
    this.updateRoute(r, from === 0 ? 1 : from, last === 0 ? Infinity : last - shift);
  }

  /** Marks visit u unassigned; the route itself is fixed later by `compact`. */
  markRemoved(u: number): void {
    this.routeOf[u] = -1;
    this.unplaced[this.leftOut] = u;
    this.unplacedAt[u] = this.leftOut++;
    this.penaltySum += this.cp.penalty[u]!;
  }

  /** Empties route r, leaving its visits unassigned. */
  clearRoute(r: number): void {
    const nodes = this.nodes[r]!;
    const n = this.len[r]!;
    for (let i = 1; i <= n; i++) this.markRemoved(nodes[i]!);
    nodes[1] = nodes[n + 1]!;
    if (n > 0) this.closed(r);
    this.len[r] = 0;
    this.updateRoute(r);
  }

  /** Route r, empty until now, is in use: it moves from `idle` to `inUse`, in its place. */
  private opened(r: number): void {
    moveBetween(this.idle, this.idle.length - this.used, this.inUse, this.used, r);
    this.used++;
  }

  /** Route r has just been emptied: it moves from `inUse` to `idle`, in its place. */
  private closed(r: number): void {
    moveBetween(this.inUse, this.used, this.idle, this.idle.length - this.used, r);
    this.used--;
  }
}

/**
 * dst[0..k) = src[0..k). Routes hold tens of positions (about a hundred on the longest benchmark
 * routes), where a plain loop is cheaper than a subarray view and a native copy per array.
 */
function copyInts(dst: Int32Array, src: Int32Array, k: number): void {
  for (let i = 0; i < k; i++) dst[i] = src[i]!;
}

function copyFloats(dst: Float64Array, src: Float64Array, k: number): void {
  for (let i = 0; i < k; i++) dst[i] = src[i]!;
}

/**
 * a[to..) = a[start..end) within one array, the ranges may overlap: what copyWithin does, in a plain
 * loop for the same reason as `copyInts` (an insertion moves a few positions, several times per rebuild).
 */
function moveInts(a: Int32Array, to: number, start: number, end: number): void {
  if (to > start) for (let i = end - 1; i >= start; i--) a[i + to - start] = a[i]!;
  else for (let i = start; i < end; i++) a[i + to - start] = a[i]!;
}

function moveFloats(a: Float64Array, to: number, start: number, end: number): void {
  if (to > start) for (let i = end - 1; i >= start; i--) a[i + to - start] = a[i]!;
  else for (let i = start; i < end; i++) a[i + to - start] = a[i]!;
}

/** Takes r out of the ascending list from[0..fromCount) and puts it in its place in to[0..toCount). */
function moveBetween(from: Int32Array, fromCount: number, to: Int32Array, toCount: number, r: number): void {
  const i = from.subarray(0, fromCount).indexOf(r);
  from.copyWithin(i, i + 1, fromCount);
  let j = toCount;
  while (j > 0 && to[j - 1]! > r) {
    to[j] = to[j - 1]!;
    j--;
  }
  to[j] = r;
}
