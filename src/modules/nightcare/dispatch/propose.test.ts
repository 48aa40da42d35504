import { describe, expect, it } from 'vitest';
import { proposeNurses, type NurseOnDuty, type TravelEstimate } from './propose.js';

// One degree of latitude ~ 111 km; at 60 km/h that is 111 minutes. Flat-earth for the test.
const travel: TravelEstimate = { minutes: (a, b) => Math.hypot(a.latitude - b.latitude, a.longitude - b.longitude) * 111 };
const nurse = (userId: string, latitude: number, extra: Partial<NurseOnDuty> = {}): NurseOnDuty => ({
  userId,
  organisationId: 'org',
  name: userId,
  skills: [],
  latitude,
  longitude: 0,
  busyMinutes: 0,
  ...extra,
});
const at = { latitude: 0, longitude: 0, urgency: 'U2' as const, requiredSkills: [] };

describe('proposeNurses', () => {
  it('prefers the nearest free nurse', () => {
    const ranked = proposeNurses(at, [nurse('far', 0.2), nurse('near', 0.05)], travel);
    expect(ranked.map((p) => p.userId)).toEqual(['near', 'far']);
    expect(ranked[0]?.etaMinutes).toBe(6);
  });

  it('counts the time a busy nurse still needs for the incident in hand', () => {
    const ranked = proposeNurses(at, [nurse('busy-near', 0.01, { busyMinutes: 40 }), nurse('free-further', 0.15)], travel);
    expect(ranked.map((p) => p.userId)).toEqual(['free-further', 'busy-near']);
    expect(ranked[1]?.withinDeadline).toBe(false);
  });

  it("judges the deadline by the alliance's own norm when it has one", () => {
    // 0.18° ≈ 20 minutes: inside the default U2 time of 30, outside an alliance norm of 10.
    expect(proposeNurses(at, [nurse('twenty', 0.18)], travel)[0]?.withinDeadline).toBe(true);
    expect(proposeNurses({ ...at, responseMinutes: 10 }, [nurse('twenty', 0.18)], travel)[0]?.withinDeadline).toBe(false);
    expect(proposeNurses({ ...at, responseMinutes: null }, [nurse('twenty', 0.18)], travel)[0]?.withinDeadline).toBe(true);
  });

  it('puts nurses with the needed skill first, even when further away', () => {
    const ranked = proposeNurses({ ...at, requiredSkills: ['catheter_care'] }, [nurse('near', 0.01), nurse('skilled', 0.2, { skills: ['catheter_care'] })], travel);
    expect(ranked[0]?.userId).toBe('skilled');
    expect(ranked[1]?.missingSkills).toEqual(['catheter_care']);
  });

  it('prefers the nurse whose planned visits stay on time when both make the deadline', () => {
    const ranked = proposeNurses(at, [nurse('disrupts', 0.01, { lateVisits: 2 }), nurse('fits', 0.1)], travel);
    expect(ranked[0]?.userId).toBe('fits');
  });

  it('skips nurses who declined or let the offer lapse, and ranks unknown positions last', () => {
    const ranked = proposeNurses(at, [nurse('declined', 0.01), nurse('unknown', 0, { latitude: null }), nurse('known', 0.3)], travel, new Set(['declined']));
    expect(ranked.map((p) => p.userId)).toEqual(['known', 'unknown']);
    expect(ranked[1]).toMatchObject({ etaMinutes: null, etaBasis: 'nurse_position_unknown', withinDeadline: false });
  });

  it('invents no ETA when the incident has no location, and says what a known ETA rests on', () => {
    const nowhere = proposeNurses({ ...at, latitude: null, longitude: null }, [nurse('a', 0.05), nurse('b', 0.1)], travel);
    expect(nowhere.map((p) => [p.etaMinutes, p.etaBasis, p.withinDeadline])).toEqual([
      [null, 'incident_location_unknown', false],
      [null, 'incident_location_unknown', false],
    ]);
    const ranked = proposeNurses(at, [nurse('free', 0.05), nurse('busy', 0.05, { busyMinutes: 20 })], travel);
    expect(ranked.map((p) => [p.userId, p.etaMinutes, p.etaBasis])).toEqual([
      ['free', 6, 'current_position'],
      ['busy', 26, 'after_current_incident'],
    ]);
  });
});
