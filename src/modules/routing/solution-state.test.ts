import { describe, expect, it } from 'vitest';
import { SolutionState } from './solution-state.js';
import { randomPlan } from './test-instances.js';

/** Every field a copy must carry, route by route, as plain arrays. */
function snapshot(s: SolutionState): unknown {
  const routes = Array.from({ length: s.len.length }, (_, r) => {
    const k = s.len[r]! + 2;
    const part = (a: Float64Array[] | Int32Array[]) => Array.from(a[r]!.subarray(0, k));
    return { nodes: part(s.nodes), early: part(s.early), late: part(s.late), cumLoad: part(s.cumLoad), cumWarp: part(s.cumWarp), tailWarp: s.trackWarp ? part(s.tailWarp) : [], tailLate: s.trackWarp ? part(s.tailLate) : [] };
  });
  return { routes, routeOf: Array.from(s.routeOf), posOf: Array.from(s.posOf), load: Array.from(s.load), routeSum: s.routeSum, used: s.used, warpSum: s.warpSum };
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
