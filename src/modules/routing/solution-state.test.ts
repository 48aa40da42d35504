import { describe, expect, it } from 'vitest';
import { LocalSearch } from './local-search.js';
import type { Problem } from './model.js';
import { Recreator } from './recreate.js';
import { Ruiner } from './ruin.js';
import { SolutionState } from './solution-state.js';
import { randomPlan, unplacedVisits } from './test-instances.js';

/** Every field a copy must carry, route by route, as plain arrays. */
function snapshot(s: SolutionState): unknown {
  const routes = Array.from({ length: s.len.length }, (_, r) => {
    const k = s.len[r]! + 2;
    const part = (a: Float64Array[] | Int32Array[]) => Array.from(a[r]!.subarray(0, k));
    return { nodes: part(s.nodes), early: part(s.early), late: part(s.late), cumLoad: part(s.cumLoad), cumWarp: part(s.cumWarp), tailWarp: s.trackWarp ? part(s.tailWarp) : [], tailLate: s.trackWarp ? part(s.tailLate) : [] };
  });
  return { routes, routeOf: Array.from(s.routeOf), posOf: Array.from(s.posOf), load: Array.from(s.load), routeSum: s.routeSum, used: s.used, inUse: Array.from(s.inUse.subarray(0, s.used)), warpSum: s.warpSum };
}

describe('SolutionState.copyFrom', () => {
  it('copies the routes that changed on either side since the last copy, and only those may be skipped', () => {
    const { cp, s } = randomPlan(3, 40, 6);
    const copy = new SolutionState(cp);
    copy.copyFrom(s);
    expect(snapshot(copy)).toEqual(snapshot(s));

    // A change in the source: the copy must follow it.
    const r = s.routeOf[0]!;
    s.clearRoute(r);
    copy.copyFrom(s);
    expect(snapshot(copy)).toEqual(snapshot(s));

    // A change in the copy itself: copying again must undo it, though the source did not change.
    const route = copy.len.findIndex((n) => n > 0);
    copy.clearRoute(route);
    expect(copy.used).toBe(s.used - 1);
    copy.copyFrom(s);
    expect(snapshot(copy)).toEqual(snapshot(s));
  });

  it('fills in the warp tails when copying from a state that does not track them', () => {
    const { cp, s } = randomPlan(4, 30, 5);
    const tracked = new SolutionState(cp, true);
    tracked.copyFrom(s);
    const fresh = new SolutionState(cp, true);
    for (let r = 0; r < cp.nVehicles; r++) if (s.len[r]! > 0) fresh.insert(s.nodes[r]![1]!, r, 0);
    fresh.copyFrom(s);
    expect(snapshot(fresh)).toEqual(snapshot(tracked));
  });
});

describe('SolutionState.unassignedCount', () => {
  it('counts and lists the visits in no route through ruins, emptied routes, rebuilds and copies', () => {
    const { cp, s, rng } = randomPlan(5, 60, 8);
    const buf = new Int32Array(cp.nVisits);
    // The count, checked against the routes; the list, in ascending order, against them too.
    const counted = (x: SolutionState): number => {
      expect(Array.from(buf.subarray(0, x.leftOutInto(buf)))).toEqual(Array.from(unplacedVisits(x)));
      return x.routeOf.filter((r) => r < 0).length;
    };
    expect(new SolutionState(cp).unassignedCount()).toBe(cp.nVisits);
    const ruiner = new Ruiner(cp);
    const recreator = new Recreator(cp);
    const copy = new SolutionState(cp);
    let leftOut = 0;
    for (let i = 0; i < 40; i++) {
      ruiner.run(s, rng);
      if (i % 4 === 0) s.clearRoute(s.len.findIndex((n) => n > 0));
      expect(s.unassignedCount()).toBe(counted(s));
      const list = unplacedVisits(s);
      // After an emptied route no route may be opened, so that some rebuilds leave visits out.
      leftOut += recreator.run(s, list, list.length, rng, i % 4 === 0 ? s.used : Infinity, 0.1);
      expect(s.unassignedCount()).toBe(counted(s));
      copy.copyFrom(s);
      expect(copy.unassignedCount()).toBe(counted(s));
      // The copy goes on by itself: its list must have come over whole.
      const rest = unplacedVisits(copy);
      recreator.run(copy, rest, rest.length, rng, Infinity, 0.1);
      expect(copy.unassignedCount()).toBe(counted(copy));
    }
    expect(leftOut).toBeGreaterThan(0);
  });
});

describe('SolutionState.inUse', () => {
  it('lists the non-empty and the empty routes in ascending order through ruins, emptied routes, rebuilds, moves and copies', () => {
    // Even seed: two vehicle types, so rebuilds open routes of either; the distance objective's local
    // search moves visits between routes, opening and emptying some.
    const { cp, s, rng } = randomPlan(6, 60, 10);
    // The routes in use, then the empty ones: each list ascending, as the route lengths say.
    const listed = (x: SolutionState): number[] => [...x.inUse.subarray(0, x.used), ...x.idle.subarray(0, x.len.length - x.used)];
    const nonEmpty = (x: SolutionState): number[] => [...x.len.keys()].filter((r) => x.len[r]! > 0);
    const expected = (x: SolutionState): number[] => [...nonEmpty(x), ...[...x.len.keys()].filter((r) => x.len[r] === 0)];
    const ruiner = new Ruiner(cp);
    const recreator = new Recreator(cp, Infinity);
    const polish = new LocalSearch(cp);
    const copy = new SolutionState(cp);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      ruiner.run(s, rng);
      const emptied = i % 3 === 0;
      if (emptied) s.clearRoute(nonEmpty(s)[rng.int(s.used)]!);
      expect(listed(s)).toEqual(expected(s));
      const list = unplacedVisits(s);
      // After an emptied route none may be opened, so that it stays empty and the next opens another.
      recreator.run(s, list, list.length, rng, emptied ? s.used : Infinity, 0.3);
      expect(listed(s)).toEqual(expected(s));
      if (i % 5 === 0) polish.run(s);
      expect(listed(s)).toEqual(expected(s));
      copy.copyFrom(s);
      expect(listed(copy)).toEqual(expected(s));
      seen.add(listed(s).join());
    }
    // The routes in use changed along the way, not only their number.
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe('SolutionState.updateRoute', () => {
  it('gives the same schedule, loads and cost when it resumes at the first changed position as a pass over the whole route', () => {
    const { cp, s, rng } = randomPlan(8, 60, 10);
    const ruiner = new Ruiner(cp);
    const recreator = new Recreator(cp, Infinity);
    const polish = new LocalSearch(cp);
    const full = new SolutionState(cp);
    for (let i = 0; i < 30; i++) {
      ruiner.run(s, rng);
      const list = unplacedVisits(s);
      recreator.run(s, list, list.length, rng, Infinity, 0.3);
      if (i % 5 === 0) polish.run(s);
      full.copyFrom(s);
      for (let r = 0; r < cp.nVehicles; r++) full.updateRoute(r);
      expect(snapshot(full)).toEqual(snapshot(s));
    }
  });

  it('gives the same latest starts and warp tails as a pass over the whole route when windows break at a price and segments move', () => {
    const singleWindows = (p: Problem): Problem => ({ ...p, visits: p.visits.map((v) => ({ ...v, windows: v.windows.slice(0, 1) })) });
    const { cp, s: plan, rng } = randomPlan(9, 60, 10, singleWindows);
    const s = new SolutionState(cp, true);
    s.copyFrom(plan);
    const ruiner = new Ruiner(cp);
    const recreator = new Recreator(cp, Infinity);
    const full = new SolutionState(cp, true);
    const buf = new Int32Array(cp.nVisits);
    let warped = 0;
    for (let i = 0; i < 40; i++) {
      ruiner.run(s, rng);
      const list = unplacedVisits(s);
      recreator.run(s, list, list.length, rng, Infinity, 0.3, 0.05);
      if (s.warpSum > 0) warped++;
      // A segment moves to another route (splice out, splice in), then one is reversed in place.
      const [from, to] = [s.inUse[rng.int(s.used)]!, s.inUse[rng.int(s.used)]!];
      const lo = 1 + rng.int(s.len[from]!);
      const hi = Math.min(s.len[from]!, lo + rng.int(3));
      const count = hi - lo + 1;
      buf.set(s.nodes[from]!.subarray(lo, hi + 1));
      s.splice(from, lo, hi, buf, 0);
      const at = 1 + rng.int(s.len[to]! + 1);
      s.splice(to, at, at - 1, buf, count);
      const r = s.inUse[rng.int(s.used)]!;
      const a = 1 + rng.int(s.len[r]!);
      const b = Math.min(s.len[r]!, a + rng.int(4));
      buf.set(s.nodes[r]!.subarray(a, b + 1).reverse());
      s.splice(r, a, b, buf, b - a + 1);
      full.copyFrom(s);
      for (let k = 0; k < cp.nVehicles; k++) full.updateRoute(k);
      expect(snapshot(full)).toEqual(snapshot(s));
    }
    // The prices let windows break in most rounds, so the warp tails were exercised.
    expect(warped).toBeGreaterThan(20);
  });
});
