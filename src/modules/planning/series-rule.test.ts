import { describe, expect, it } from 'vitest';
import { isNightRule, seriesHasNight } from './series-rule.js';

describe('night series rules', () => {
  it('accepts rules that pick nights and refuses hours, zones and nonsense', () => {
    expect(isNightRule('FREQ=DAILY', '2027-03-25')).toBe(true);
    expect(isNightRule('RRULE:FREQ=WEEKLY;BYDAY=MO,TH', '2027-03-25')).toBe(true);
    expect(isNightRule('FREQ=DAILY;BYHOUR=2', '2027-03-25')).toBe(false);
    expect(isNightRule('FREQ=HOURLY', '2027-03-25')).toBe(false);
    expect(isNightRule('FREQ=DAILY;TZID=Europe/Amsterdam', '2027-03-25')).toBe(false);
    expect(isNightRule('every night', '2027-03-25')).toBe(false);
    expect(isNightRule('FREQ=DAILY;UNTIL=20270101T000000Z', '2027-03-25')).toBe(false);
  });

  it('finds every night of a daily rule across the DST change, and only the chosen weekdays of a weekly one', () => {
    for (const night of ['2027-03-26', '2027-03-27', '2027-03-28', '2027-10-30', '2027-10-31']) expect(seriesHasNight('FREQ=DAILY', '2027-03-25', night)).toBe(true);
    expect(seriesHasNight('FREQ=DAILY', '2027-03-25', '2027-03-24')).toBe(false);
    // 2027-03-27 is a Saturday, 2027-03-29 a Monday.
    expect(seriesHasNight('FREQ=WEEKLY;BYDAY=MO', '2027-03-25', '2027-03-27')).toBe(false);
    expect(seriesHasNight('FREQ=WEEKLY;BYDAY=MO', '2027-03-25', '2027-03-29')).toBe(true);
    expect(seriesHasNight('FREQ=DAILY;COUNT=2', '2027-03-25', '2027-03-27')).toBe(false);
  });
});
