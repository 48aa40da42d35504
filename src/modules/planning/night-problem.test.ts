import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { livePlanAt, proposeInsertions } from '../routing/index.js';
import { nightProblem, perNurseProblems, storedSolution, type NurseRow, type PlannedVisitRow } from './night-problem.js';

const SHIFT_START = new Date('2027-01-15T22:00:00Z');
const at = (minutes: number) => new Date(SHIFT_START.getTime() + minutes * 60_000);
const point = fc.record({ latitude: fc.double({ min: 52.6, max: 53.0, noNaN: true }), longitude: fc.double({ min: 6.3, max: 7.05, noNaN: true }) });

/** A stored night: nurses (one without a position), visits assigned in any sequence, some unassigned. */
const night = fc
  .record({
    nurses: fc.array(fc.record({ position: fc.option(point, { nil: null }), skills: fc.subarray(['lifting', 'injections']) }), { minLength: 1, maxLength: 4 }),
    visits: fc.array(fc.record({ where: point, from: fc.integer({ min: 0, max: 420 }), width: fc.integer({ min: 5, max: 90 }), minutes: fc.integer({ min: 5, max: 30 }), nurse: fc.nat(), planned: fc.integer({ min: -30, max: 60 }), unassigned: fc.boolean() }), { maxLength: 25 }),
    acute: point,
    now: fc.integer({ min: 0, max: 480 }),
    lifting: fc.boolean(),
  })
  .map(({ nurses, visits, acute, now, lifting }) => {
    const nurseRows: NurseRow[] = nurses.map((n, i) => ({ user_id: `n${i}`, skills: n.skills, latitude: n.position?.latitude ?? null, longitude: n.position?.longitude ?? null, starts_at: SHIFT_START, ends_at: at(480) }));
    const visitRows: PlannedVisitRow[] = visits.map((v, i) => ({
      id: `v${i}`,
      ...v.where,
      window_start: at(v.from),
      window_end: at(v.from + v.width),
      duration_minutes: v.minutes,
      required_skills: [],
      priority: 1,
      assigned_user_id: v.unassigned ? null : `n${v.nurse % nurses.length}`,
      sequence: v.unassigned ? null : (i * 7) % 11,
      planned_start: v.unassigned ? null : at(v.from + v.planned),
    }));
    const acuteInput = { id: 'acute', ...acute, deadline: at(now + 30), serviceMinutes: 30, requiredSkills: lifting ? ['lifting'] : [] };
    return { nurseRows, visitRows, acuteInput, now: now * 60 };
  });

describe('perNurseProblems', () => {
  it('gives the live insertion exactly the proposals of the whole night problem, nurse by nurse', () => {
    fc.assert(
      fc.property(night, ({ nurseRows, visitRows, acuteInput, now }) => {
        const stored = storedSolution(SHIFT_START, visitRows);
        const byNurse = (a: { vehicleId: string }, b: { vehicleId: string }) => a.vehicleId.localeCompare(b.vehicleId);
        const whole = proposeInsertions(livePlanAt(nightProblem(SHIFT_START, nurseRows, visitRows, acuteInput), stored, now), 'acute').sort(byNurse);
        const split = perNurseProblems(SHIFT_START, nurseRows, visitRows, acuteInput).flatMap((problem) => proposeInsertions(livePlanAt(problem, stored, now), 'acute'));
        expect(split).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
