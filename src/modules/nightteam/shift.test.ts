import { describe, expect, it } from 'vitest';
import { lastEndedShift, shiftAt, shiftStartingOn } from './shift.js';

const times = { start: '23:00', end: '07:00' };
const hours = (w: { startsAt: Date; endsAt: Date }) => (w.endsAt.getTime() - w.startsAt.getTime()) / 3600_000;

describe('night shifts in the alliance zone', () => {
  it('runs 23:00–07:00 Amsterdam time on an ordinary winter night (22:00–06:00 UTC)', () => {
    const shift = shiftStartingOn('2026-01-10', 'Europe/Amsterdam', times);
    expect(shift.startsAt.toISOString()).toBe('2026-01-10T22:00:00.000Z');
    expect(shift.endsAt.toISOString()).toBe('2026-01-11T06:00:00.000Z');
    expect(hours(shift)).toBe(8);
  });

  it('is 7 hours on the last Sunday of March, when clocks go forward at 02:00', () => {
    const shift = shiftStartingOn('2026-03-28', 'Europe/Amsterdam', times);
    expect(shift.startsAt.toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(shift.endsAt.toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(hours(shift)).toBe(7);
  });

  it('is 9 hours on the last Sunday of October, when clocks go back at 03:00', () => {
    const shift = shiftStartingOn('2026-10-24', 'Europe/Amsterdam', times);
    expect(shift.startsAt.toISOString()).toBe('2026-10-24T21:00:00.000Z');
    expect(shift.endsAt.toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(hours(shift)).toBe(9);
  });

  it('files an alarm in the repeated hour of the October night into that night', () => {
    // 02:30 local happens twice; the second time is 01:30 UTC.
    const shift = shiftAt(new Date('2026-10-25T01:30:00Z'), 'Europe/Amsterdam', times);
    expect(shift.night).toBe('2026-10-24');
  });

  it('files an alarm after midnight into the shift that started the evening before', () => {
    expect(shiftAt(new Date('2026-03-29T01:30:00Z'), 'Europe/Amsterdam', times).night).toBe('2026-03-28');
    expect(shiftAt(new Date('2026-03-28T21:59:00Z'), 'Europe/Amsterdam', times).night).toBe('2026-03-28');
  });

  it('uses the alliance zone: Copenhagen has the same rules, other zones differ', () => {
    expect(shiftStartingOn('2026-10-24', 'Europe/Copenhagen', times).endsAt.toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(shiftStartingOn('2026-10-24', 'America/New_York', times).startsAt.toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  it('finds the night whose handover is due in the morning', () => {
    const shift = lastEndedShift(new Date('2026-03-29T07:30:00Z'), 'Europe/Amsterdam', times);
    expect(shift.night).toBe('2026-03-28');
    expect(lastEndedShift(new Date('2026-03-29T04:00:00Z'), 'Europe/Amsterdam', times).night).toBe('2026-03-27');
  });
});
