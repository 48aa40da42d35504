import { describe, expect, it } from 'vitest';
import { alarmsByHour, bucketIndex, computeKpis, dateWindow, distribution, histogram, monthWindow, percentile, type KpiIncident } from './aggregate.js';
import { DEFAULT_NORMS } from './norms.js';

const at = (iso: string) => new Date(iso);
const incident = (overrides: Partial<KpiIncident>): KpiIncident => ({
  organisationId: 'org-a',
  urgency: 'U2',
  status: 'completed',
  outcome: 'completed',
  receivedAt: at('2026-01-10T23:00:00Z'),
  onSiteAt: null,
  minutesOnSite: null,
  ...overrides,
});
const onSiteAfter = (minutes: number, overrides: Partial<KpiIncident> = {}) => incident({ onSiteAt: new Date(at('2026-01-10T23:00:00Z').getTime() + minutes * 60_000), ...overrides });

describe('percentiles', () => {
  it('interpolates linearly between the closest ranks', () => {
    const values = [10, 20, 30, 40];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 50)).toBe(25);
    expect(percentile(values, 90)).toBeCloseTo(37);
    expect(percentile(values, 100)).toBe(40);
  });

  it('gives the one value for a single incident, and null for none', () => {
    expect(percentile([17], 95)).toBe(17);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('5-minute histogram', () => {
  it('puts bucket edges in the higher bucket and everything from 120 minutes in the open last one', () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(4.99)).toBe(0);
    expect(bucketIndex(5)).toBe(1);
    expect(bucketIndex(119.9)).toBe(23);
    expect(bucketIndex(120)).toBe(24);
    expect(bucketIndex(600)).toBe(24);
    const buckets = histogram([1, 5, 7, 130, 240]);
    expect(buckets).toHaveLength(25);
    expect(buckets[0]).toEqual({ fromMinute: 0, toMinute: 5, count: 1 });
    expect(buckets[1]).toEqual({ fromMinute: 5, toMinute: 10, count: 2 });
    expect(buckets[24]).toEqual({ fromMinute: 120, toMinute: null, count: 2 });
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(5);
  });

  it('counts exactly 30 minutes as within 30 minutes', () => {
    const d = distribution([12, 30, 30.5, 45]);
    expect(d).toMatchObject({ count: 4, withinThirtyMinutes: 2, withinThirtyShare: 0.5, max: 45 });
    expect(distribution([])).toMatchObject({ count: 0, withinThirtyShare: null, mean: null });
  });
});

describe('alarms by hour of day in the alliance zone', () => {
  it('counts the repeated 02:00 hour twice on the night the clocks go back', () => {
    // 26 October 2025: 00:30 UTC is 02:30 CEST, 01:30 UTC is 02:30 CET.
    const hours = alarmsByHour([at('2025-10-26T00:30:00Z'), at('2025-10-26T01:30:00Z'), at('2025-10-26T02:30:00Z')], 'Europe/Amsterdam');
    expect(hours[2]).toBe(2);
    expect(hours[3]).toBe(1);
    expect(hours.reduce((s, n) => s + n, 0)).toBe(3);
  });

  it('has no alarms at 02:00 on the night the clocks go forward', () => {
    // 29 March 2026: 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST.
    const hours = alarmsByHour([at('2026-03-29T00:59:00Z'), at('2026-03-29T01:00:00Z'), at('2026-03-29T01:30:00Z')], 'Europe/Amsterdam');
    expect(hours[1]).toBe(1);
    expect(hours[2]).toBe(0);
    expect(hours[3]).toBe(2);
  });

  it('uses the alliance zone, not the server zone', () => {
    expect(alarmsByHour([at('2026-01-10T23:30:00Z')], 'Europe/Copenhagen')[0]).toBe(1);
    expect(alarmsByHour([at('2026-07-10T23:30:00Z')], 'Europe/Copenhagen')[1]).toBe(1);
  });
});

describe('KPI report', () => {
  it('splits response times by urgency and organisation and counts false alarms', () => {
    const rows = [
      onSiteAfter(10, { urgency: 'U1' }),
      onSiteAfter(20, { urgency: 'U1' }),
      onSiteAfter(40, { urgency: 'U2', organisationId: 'org-b' }),
      incident({ urgency: 'U3', status: 'cancelled', outcome: 'false_alarm' }),
    ];
    const report = computeKpis(rows, 'Europe/Amsterdam');
    expect(report.incidents).toBe(4);
    expect(report.responseTime).toMatchObject({ count: 3, withinThirtyMinutes: 2, percentiles: { p50: 20 } });
    const u1 = report.byUrgency.find((u) => u.urgency === 'U1');
    expect(u1).toMatchObject({ incidents: 2, targetMinutes: 15, withinTargetShare: 0.5 });
    expect(report.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ withinTargetShare: 0 });
    expect(report.byOrganisation.find((o) => o.organisationId === 'org-b')?.responseTime.count).toBe(1);
    expect(report.falseAlarms).toEqual({ count: 1, rate: 0.25 });
    expect(report.alarmsByHour[0]).toBe(4);
  });
});

describe('incidents not reached', () => {
  it('counts unattended and cancelled incidents and lets an unattended one lower the share within the norm', () => {
    const rows = [
      onSiteAfter(10, { urgency: 'U1' }),
      incident({ urgency: 'U1', status: 'escalated', outcome: 'escalated_112' }),
      onSiteAfter(20, { urgency: 'U2' }),
      incident({ urgency: 'U2', status: 'triaged', outcome: null }),
      incident({ urgency: null, status: 'received', outcome: null }),
      incident({ urgency: 'U5', status: 'completed', outcome: 'completed' }),
      incident({ urgency: 'U3', status: 'cancelled', outcome: 'false_alarm' }),
      incident({ urgency: 'U3', status: 'cancelled', outcome: 'duplicate' }),
    ];
    const report = computeKpis(rows, 'Europe/Amsterdam');
    // Attended: 2. Unattended: the U1 escalated without a nurse, the U2 left triaged, the untriaged one = 3.
    // The U5 by phone needed no visit; the two cancelled are counted apart.
    expect(report.reach).toEqual({ attended: 2, unattended: 3, cancelled: 2, cancelledByReason: { false_alarm: 1, duplicate: 1 } });
    // U1: 1 within 15 min of (1 attended + 1 unattended) = 0.5, where attended-only would say 100 %.
    expect(report.byUrgency.find((u) => u.urgency === 'U1')).toMatchObject({ withinTarget: 1, withinTargetShare: 0.5, responseTime: { withinThirtyShare: 1 } });
    expect(report.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ withinTarget: 1, withinTargetShare: 0.5 });
    expect(report.byUrgency.find((u) => u.urgency === 'U4')).toMatchObject({ incidents: 0, withinTargetShare: null });
    expect(report.byUrgency.find((u) => u.urgency === 'U5')).toMatchObject({ withinTargetShare: null, reach: { unattended: 0 } });
  });

  it('uses the alliance norm instead of the default', () => {
    const norms = { ...DEFAULT_NORMS, U2: { minutes: 60, source: 'nts' as const } };
    const report = computeKpis([onSiteAfter(45, { urgency: 'U2' })], 'Europe/Amsterdam', norms);
    expect(report.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ targetMinutes: 60, norm: { source: 'nts' }, withinTargetShare: 1 });
  });
});

describe('windows in the alliance zone', () => {
  it('runs a month from local midnight to local midnight, also across the DST change', () => {
    expect(monthWindow('2026-03', 'Europe/Amsterdam')).toEqual({ from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') });
    expect(monthWindow('2025-12', 'Europe/Amsterdam')).toEqual({ from: at('2025-11-30T23:00:00Z'), to: at('2025-12-31T23:00:00Z') });
  });

  it('includes both end dates of a date range', () => {
    expect(dateWindow('2025-10-25', '2025-10-26', 'Europe/Amsterdam')).toEqual({ from: at('2025-10-24T22:00:00Z'), to: at('2025-10-26T23:00:00Z') });
  });
});
