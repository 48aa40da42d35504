import { describe, expect, it } from 'vitest';
import { nurseStatus, type StatusFacts } from './status.js';

const at = (hhmm: string) => new Date(`2026-12-04T${hhmm}:00Z`);
const duty = { startsAt: at('22:00'), endsAt: new Date('2026-12-05T06:00:00Z'), breakSince: null };
const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({ duty, incidentStatuses: [], visits: [], ...over });

describe('nurse status', () => {
  it('is off duty before the duty starts', () => expect(nurseStatus(facts(), at('21:59'))).toBe('off_duty'));
  it('is free on duty with nothing to do', () => expect(nurseStatus(facts(), at('22:30'))).toBe('free'));
  it('is on a planned visit during its planned time only', () => {
    const visits = [{ start: at('23:00'), durationMinutes: 20 }];
    expect(nurseStatus(facts({ visits }), at('23:10'))).toBe('planned_visit');
    expect(nurseStatus(facts({ visits }), at('23:20'))).toBe('free');
  });
  it('is on the way once an incident is accepted, and on site once there, before a break or a planned visit', () => {
    const busy = { duty: { ...duty, breakSince: at('22:40') }, visits: [{ start: at('22:30'), durationMinutes: 60 }] };
    expect(nurseStatus(facts({ ...busy, incidentStatuses: ['assigned'] }), at('22:45'))).toBe('on_break');
    expect(nurseStatus(facts({ ...busy, incidentStatuses: ['en_route'] }), at('22:45'))).toBe('on_the_way');
    expect(nurseStatus(facts({ ...busy, incidentStatuses: ['accepted', 'on_site'] }), at('22:45'))).toBe('on_site');
  });
  it('is on a break while the break runs, also during a planned visit', () => {
    expect(nurseStatus(facts({ duty: { ...duty, breakSince: at('23:00') }, visits: [{ start: at('23:00'), durationMinutes: 30 }] }), at('23:05'))).toBe('on_break');
  });
});
