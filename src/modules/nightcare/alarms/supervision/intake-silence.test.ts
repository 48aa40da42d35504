import { describe, expect, it } from 'vitest';
import { intakeQuietSince } from './intake-silence.js';

const night = { start: '23:00', end: '07:00' };
const at = (iso: string) => new Date(iso);
// Europe/Amsterdam in December is UTC+1: the shift runs 22:00Z to 06:00Z.
const base = { zone: 'Europe/Amsterdam', shift: night, minutes: 60 };

describe('intake silence at night', () => {
  it('warns once nothing arrived for the set period during the night shift', () => {
    const since = intakeQuietSince({ ...base, now: at('2026-12-02T01:30:00Z'), lastSeenAt: at('2026-12-02T00:29:00Z') });
    expect(since).toEqual(at('2026-12-02T00:29:00Z'));
  });

  it('stays quiet while the last frame is younger than the period', () => {
    expect(intakeQuietSince({ ...base, now: at('2026-12-02T01:30:00Z'), lastSeenAt: at('2026-12-02T00:31:00Z') })).toBeNull();
  });

  it('counts silence from the shift start, not from a quiet evening', () => {
    const lastSeenAt = at('2026-12-01T18:00:00Z');
    expect(intakeQuietSince({ ...base, now: at('2026-12-01T22:59:00Z'), lastSeenAt })).toBeNull();
    expect(intakeQuietSince({ ...base, now: at('2026-12-01T23:00:00Z'), lastSeenAt })).toEqual(at('2026-12-01T22:00:00Z'));
  });

  it('never warns by day, however long intake has been silent', () => {
    expect(intakeQuietSince({ ...base, now: at('2026-12-02T12:00:00Z'), lastSeenAt: at('2026-11-01T12:00:00Z') })).toBeNull();
    expect(intakeQuietSince({ ...base, now: at('2026-12-02T06:00:00Z'), lastSeenAt: null })).toBeNull();
  });

  it('follows the alliance zone over the night the clocks go back', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; the shift runs 21:00Z to 06:00Z (nine hours).
    expect(intakeQuietSince({ ...base, now: at('2026-10-25T05:30:00Z'), lastSeenAt: at('2026-10-25T04:00:00Z') })).toEqual(at('2026-10-25T04:00:00Z'));
    expect(intakeQuietSince({ ...base, now: at('2026-10-24T21:30:00Z'), lastSeenAt: null, minutes: 30 })).toEqual(at('2026-10-24T21:00:00Z'));
  });
});
