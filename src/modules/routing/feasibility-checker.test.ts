import { describe, expect, it } from 'vitest';
import { checkSolution, type ViolationKind } from './feasibility-checker.js';
import type { Problem, Route, Solution } from './model.js';
import { euclideanMatrix } from './solomon.js';

// Depot at the origin, visits on a line: travel time equals distance.
const locations = [
  { x: 0, y: 0 },
  { x: 10, y: 0 },
  { x: 20, y: 0 },
  { x: 30, y: 0 },
];
const problem: Problem = {
  locations,
  matrix: euclideanMatrix(locations),
  vehicles: [
    { id: 'anna', shiftStart: 0, shiftEnd: 100, startLocation: 0, endLocation: 0, capacity: 10, skills: ['insulin'] },
    { id: 'bram', shiftStart: 0, shiftEnd: 100, startLocation: 0, endLocation: 0, capacity: 10 },
  ],
  visits: [
    { id: 'a', location: 1, windows: [{ start: 0, end: 15 }], serviceDuration: 5, demand: 4 },
    { id: 'b', location: 2, windows: [{ start: 20, end: 40 }], serviceDuration: 5, demand: 4, requiredSkills: ['insulin'] },
    { id: 'c', location: 3, windows: [], serviceDuration: 5, demand: 2, acute: { deadline: 50 } },
  ],
};

function solution(routes: { vehicleId: string; visits: string[] }[], unassigned: string[] = []): Solution {
  const full: Route[] = routes.map((r) => ({ ...r, stops: [], end: 0, distance: 0, travelTime: 0 }));
  return { routes: full, unassigned, vehicles: routes.length, distance: 0, travelTime: 0 };
}

function kinds(s: Solution, allowUnassigned = false): ViolationKind[] {
  return checkSolution(problem, s, { allowUnassigned }).violations.map((v) => v.kind);
}

describe('checkSolution', () => {
  it('accepts a feasible plan and recomputes its distance', () => {
    const report = checkSolution(problem, solution([{ vehicleId: 'anna', visits: ['a', 'b', 'c'] }]));
    expect(report.violations).toEqual([]);
    expect(report.distance).toBeCloseTo(60, 9);
    expect(report.vehicles).toBe(1);
  });

  it('rejects service starting after the window closes', () => {
    expect(kinds(solution([{ vehicleId: 'anna', visits: ['b', 'a', 'c'] }]))).toContain('time-window');
  });

  it('rejects an acute visit reached after its deadline', () => {
    const late: Problem = { ...problem, visits: problem.visits.map((v) => (v.id === 'c' ? { ...v, acute: { deadline: 20 } } : v)) };
    const report = checkSolution(late, solution([{ vehicleId: 'anna', visits: ['a', 'b', 'c'] }]));
    expect(report.violations.map((v) => v.kind)).toEqual(['acute-deadline']);
  });

  it('rejects a load above capacity', () => {
    const heavy: Problem = { ...problem, visits: problem.visits.map((v) => ({ ...v, demand: 5 })) };
    const report = checkSolution(heavy, solution([{ vehicleId: 'anna', visits: ['a', 'b', 'c'] }]));
    expect(report.violations.map((v) => v.kind)).toEqual(['capacity']);
  });

  it('rejects a nurse without a required skill', () => {
    expect(kinds(solution([{ vehicleId: 'bram', visits: ['a', 'b', 'c'] }]))).toEqual(['skill']);
  });

  it('rejects a return after the shift end (depot due date)', () => {
    const short: Problem = { ...problem, vehicles: problem.vehicles.map((v) => ({ ...v, shiftEnd: 60 })) };
    const report = checkSolution(short, solution([{ vehicleId: 'anna', visits: ['a', 'b', 'c'] }]));
    expect(report.violations.map((v) => v.kind)).toEqual(['shift-end']);
  });

  it('rejects a missed visit unless it is declared unassigned and that is allowed', () => {
    const s = solution([{ vehicleId: 'anna', visits: ['a', 'b'] }], ['c']);
    expect(kinds(s)).toEqual(['missed-visit']);
    expect(kinds(s, true)).toEqual([]);
  });

  it('rejects a visit served twice, unknown visits and vehicles, and a vehicle used twice', () => {
    const s = solution([
      { vehicleId: 'anna', visits: ['a', 'b', 'c'] },
      { vehicleId: 'anna', visits: ['a'] },
      { vehicleId: 'ghost', visits: [] },
      { vehicleId: 'bram', visits: ['zzz'] },
    ]);
    expect(kinds(s).sort()).toEqual(['duplicate-visit', 'unknown-vehicle', 'unknown-visit', 'vehicle-reused']);
  });

  it('computes its own Euclidean distance when asked, ignoring the matrix', () => {
    const lying: Problem = { ...problem, matrix: { ...problem.matrix, meters: new Float64Array(16), seconds: new Float64Array(16) } };
    const s = solution([{ vehicleId: 'anna', visits: ['a', 'b', 'c'] }]);
    expect(checkSolution(lying, s, { distances: 'euclidean' }).distance).toBeCloseTo(60, 9);
    expect(checkSolution(lying, s).distance).toBe(0);
  });

  it('accepts a start in the second of two windows after waiting', () => {
    const two: Problem = {
      ...problem,
      visits: [{ id: 'a', location: 1, windows: [{ start: 0, end: 5 }, { start: 30, end: 35 }], serviceDuration: 5 }],
    };
    expect(checkSolution(two, solution([{ vehicleId: 'bram', visits: ['a'] }])).violations).toEqual([]);
  });
});
