import { describe, expect, expectTypeOf, it } from 'vitest';
import type { UrgencyColumn } from '../tables.js';
import { alarmReasons, incidentReasons, isIncidentReason, needs112, proposedUrgency, requiredSkills, RESPONSE_MINUTES, TECHNICAL_REASONS, urgencies } from './triage.js';

describe('triage rules', () => {
  it('has exactly the urgencies the incident and referral tables hold (checked by typecheck)', () => {
    expectTypeOf<(typeof urgencies)[number]>().toEqualTypeOf<UrgencyColumn>();
  });

  it('proposes an urgency for every reason, and fire as U1', () => {
    for (const reason of incidentReasons) expect(urgencies).toContain(proposedUrgency(reason));
    expect(proposedUrgency('fire_smoke')).toBe('U1');
  });

  it('sends technical and test signals to the lowest urgency, never to the night team', () => {
    for (const reason of TECHNICAL_REASONS) {
      expect(alarmReasons as readonly string[]).toContain(reason);
      expect(proposedUrgency(reason as (typeof alarmReasons)[number])).toBe('U5');
    }
    expect(TECHNICAL_REASONS.has('fall')).toBe(false);
    expect(TECHNICAL_REASONS.has('personal_emergency')).toBe(false);
  });

  it('gives deadlines that grow with a lower urgency, and none for advice by phone', () => {
    const minutes = urgencies.map((u) => RESPONSE_MINUTES[u]);
    expect(minutes.at(-1)).toBeNull();
    const timed = minutes.slice(0, -1) as number[];
    for (let i = 1; i < timed.length; i++) expect(timed[i]!).toBeGreaterThan(timed[i - 1]!);
  });

  it('asks 112 for every U1 and for fire at any urgency, and not otherwise', () => {
    expect(needs112('U1', 'fall')).toBe(true);
    expect(needs112('U3', 'fire_smoke')).toBe(true);
    expect(needs112('U2', 'fall')).toBe(false);
  });

  it('names the skills a reason needs and none for an unknown reason', () => {
    expect(requiredSkills('catheter_problem')).toEqual(['catheter_care']);
    expect(requiredSkills('palliative_care')).toEqual(['palliative']);
    expect(requiredSkills('anxiety')).toEqual([]);
    expect(requiredSkills('no_such_reason')).toEqual([]);
  });

  it('recognises only the listed reasons', () => {
    expect(isIncidentReason('fall')).toBe(true);
    expect(isIncidentReason('pain')).toBe(true);
    expect(isIncidentReason('Fall')).toBe(false);
    expect(isIncidentReason('')).toBe(false);
  });
});
