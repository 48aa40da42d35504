import { describe, expect, it } from 'vitest';
import { checkSolution } from './feasibility-checker.js';
import { livePlanAt, proposeInsertions, reoptimise, type LivePlan } from './live-insertion.js';
import type { Problem, Vehicle, Visit } from './model.js';
import { createRandom } from './random.js';
import { euclideanMatrix } from './solomon.js';
import { solve } from './solver.js';

// A line: base at 0, clients at 10, 20, 30; the alarm at 12. Time = distance.
const locations = [0, 10, 20, 30, 12].map((x) => ({ x, y: 0 }));
const vehicles: Vehicle[] = [
  { id: 'anna', shiftStart: 0, shiftEnd: 200, startLocation: 0, endLocation: 0, skills: ['catheter'] },
  { id: 'bram', shiftStart: 0, shiftEnd: 200, startLocation: 0, endLocation: 0 },
];
const visits: Visit[] = [
  { id: 'p1', location: 1, windows: [{ start: 0, end: 100 }], serviceDuration: 5 },
  { id: 'p2', location: 2, windows: [{ start: 30, end: 35 }], serviceDuration: 5 },
  { id: 'p3', location: 3, windows: [{ start: 0, end: 200 }], serviceDuration: 5 },
  { id: 'alarm', location: 4, windows: [], serviceDuration: 10, acute: { deadline: 30, urgency: 'U2' } },
];
const problem: Problem = { locations, matrix: euclideanMatrix(locations), vehicles, visits };
const plan: LivePlan = {
  problem,
  nurses: [
    { vehicleId: 'anna', location: 0, availableAt: 10 },
    { vehicleId: 'bram', location: 3, availableAt: 10 },
  ],
  routes: [
    { vehicleId: 'anna', visits: ['p1', 'p2'] },
    { vehicleId: 'bram', visits: ['p3'] },
  ],
};

describe('proposeInsertions', () => {
  it('proposes every nurse, best first, with arrival and the planned visits it makes late', () => {
    const [first, second] = proposeInsertions(plan, 'alarm');
    // Bram, free at 30 at time 10: alarm reached at 28, his p3 stays in its window.
    expect(first).toMatchObject({ vehicleId: 'bram', position: 0, arrival: 28, onTime: true, lateVisits: [] });
    // Anna: p1 (20–25), alarm at 27, then p2 at 45 although its window ends at 35. Taking the alarm
    // first (arrive 22) would make p2 14 late; after p2 the alarm would be 18 late.
    expect(second).toMatchObject({ vehicleId: 'anna', position: 1, arrival: 27, onTime: true, acuteLateness: 0 });
    expect(second!.lateVisits).toEqual([{ visitId: 'p2', lateness: 10 }]);
  });

  it('ranks a nurse who keeps every window above one who makes a visit late', () => {
    const [first, second] = proposeInsertions({ ...plan, routes: [plan.routes[0]!, { vehicleId: 'bram', visits: [] }] }, 'alarm');
    expect(first).toMatchObject({ vehicleId: 'bram', position: 0, arrival: 28, onTime: true, lateVisits: [] });
    expect(first!.addedTravelTime).toBeCloseTo(18 + 12 - 30, 9);
    expect(second!.vehicleId).toBe('anna');
  });

  it('skips nurses without a skill the alarm needs', () => {
    const needy: Problem = { ...problem, visits: visits.map((v) => (v.id === 'alarm' ? { ...v, requiredSkills: ['catheter'] } : v)) };
    expect(proposeInsertions({ ...plan, problem: needy }, 'alarm').map((p) => p.vehicleId)).toEqual(['anna']);
  });
});

describe('reoptimise', () => {
  it('returns a checked plan that serves the alarm within its deadline', async () => {
    const chosen = proposeInsertions(plan, 'alarm')[0]!;
    const { problem: replanned, solution: s } = await reoptimise(plan, 'alarm', chosen, { timeLimitMs: 100, seed: 1 });
    expect(checkSolution(replanned, s).violations).toEqual([]);
    const served = s.routes.flatMap((r) => r.stops).find((x) => x.visitId === 'alarm');
    expect(served!.start).toBeLessThanOrEqual(30);
    expect(s.unassigned).toEqual([]);
  });

  it('derives the remaining plan at a moment and re-plans 10 nurses × 50 visits within budget', async () => {
    const rng = createRandom(3);
    const locs = Array.from({ length: 52 }, () => ({ x: rng.int(200), y: rng.int(200) }));
    const night: Problem = {
      locations: locs,
      matrix: euclideanMatrix(locs),
      vehicles: Array.from({ length: 10 }, (_, k) => ({ id: `n${k}`, shiftStart: 0, shiftEnd: 1000, startLocation: 0, endLocation: 0 })),
      visits: [
        ...Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, location: i + 1, windows: [{ start: rng.int(600), end: 0 }].map((w) => ({ start: w.start, end: w.start + 120 })), serviceDuration: 10 })),
        { id: 'alarm', location: 51, windows: [], serviceDuration: 20, acute: { deadline: 330 } },
      ],
    };
    const base = solve({ ...night, visits: night.visits.filter((v) => v.id !== 'alarm') }, { objective: 'night-care', timeLimitMs: 300, seed: 1 });
    const live = livePlanAt(night, base, 300);
    const started = performance.now();
    const proposals = proposeInsertions(live, 'alarm');
    expect(performance.now() - started).toBeLessThan(100);
    expect(proposals).toHaveLength(10);
    const { problem: replanned, solution: s } = await reoptimise(live, 'alarm', proposals[0]!, { timeLimitMs: 150, seed: 1 });
    expect(replanned.visits).toHaveLength(live.routes.reduce((n, r) => n + r.visits.length, 1));
    expect(checkSolution(replanned, s, { allowUnassigned: true }).violations).toEqual([]);
    expect(s.unassigned).not.toContain('alarm');
  });
});
