/**
 * Pure aggregation for the night-care KPIs and the cost allocation between partners: no database, no
 * HTTP, no client identities (rows carry organisations, urgencies and times only).
 */
import { addDays, addMonths, format } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { RESPONSE_MINUTES, urgencies, type Urgency } from '../incidents/triage.js';

export const BUCKET_MINUTES = 5;
/** Buckets 0–5, 5–10, … 115–120 and one open bucket for 120 minutes and more. */
export const HISTOGRAM_LIMIT_MINUTES = 120;
export const WITHIN_MINUTES = 30;
export const PERCENTILES = [50, 75, 90, 95] as const;

export interface KpiIncident {
  organisationId: string | null;
  urgency: string | null;
  status: string;
  outcome: string | null;
  receivedAt: Date;
  onSiteAt: Date | null;
  minutesOnSite: number | null;
}

/**
 * The p-th percentile (0–100) of ascending values, interpolating linearly between the closest ranks
 * (the method of Excel's PERCENTILE.INC and numpy's default); null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low]!;
  const b = sorted[high]!;
  return a + (b - a) * (rank - low);
}

export interface HistogramBucket {
  fromMinute: number;
  /** Exclusive; null for the open last bucket. */
  toMinute: number | null;
  count: number;
}

export const bucketIndex = (minutes: number) => Math.min(Math.floor(Math.max(0, minutes) / BUCKET_MINUTES), HISTOGRAM_LIMIT_MINUTES / BUCKET_MINUTES);

export function histogram(minutes: readonly number[]): HistogramBucket[] {
  const last = HISTOGRAM_LIMIT_MINUTES / BUCKET_MINUTES;
  const buckets: HistogramBucket[] = Array.from({ length: last + 1 }, (_, i) => ({ fromMinute: i * BUCKET_MINUTES, toMinute: i === last ? null : (i + 1) * BUCKET_MINUTES, count: 0 }));
  for (const m of minutes) buckets[bucketIndex(m)]!.count++;
  return buckets;
}

export interface ResponseDistribution {
  /** Incidents with a time on site. */
  count: number;
  percentiles: Record<`p${(typeof PERCENTILES)[number]}`, number | null>;
  mean: number | null;
  max: number | null;
  withinThirtyMinutes: number;
  /** Share (0–1) of those on site within 30 minutes; null without any. */
  withinThirtyShare: number | null;
  histogram: HistogramBucket[];
}

const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

/** Minutes from alarm to nurse on site; incidents never reached (cancelled, by phone) have none. */
export const responseMinutes = (i: Pick<KpiIncident, 'receivedAt' | 'onSiteAt'>) => (i.onSiteAt ? Math.max(0, (i.onSiteAt.getTime() - i.receivedAt.getTime()) / 60_000) : null);

export function distribution(minutes: readonly number[]): ResponseDistribution {
  const sorted = [...minutes].sort((a, b) => a - b);
  const within = sorted.filter((m) => m <= WITHIN_MINUTES).length;
  return {
    count: sorted.length,
    percentiles: { p50: round(percentile(sorted, 50)), p75: round(percentile(sorted, 75)), p90: round(percentile(sorted, 90)), p95: round(percentile(sorted, 95)) },
    mean: round(sorted.length ? sorted.reduce((s, m) => s + m, 0) / sorted.length : null),
    max: round(sorted.at(-1) ?? null),
    withinThirtyMinutes: within,
    withinThirtyShare: share(within, sorted.length),
    histogram: histogram(sorted),
  };
}

/** Alarms per local hour of day (index 0–23); on the autumn night the repeated hour counts twice, in spring the skipped hour has none. */
export function alarmsByHour(instants: readonly Date[], zone: string): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const at of instants) hours[Number(formatInTimeZone(at, zone, 'H'))]!++;
  return hours;
}

export interface KpiReport {
  incidents: number;
  responseTime: ResponseDistribution;
  byUrgency: { urgency: Urgency; incidents: number; targetMinutes: number | null; withinTargetShare: number | null; responseTime: ResponseDistribution }[];
  byOrganisation: { organisationId: string | null; incidents: number; responseTime: ResponseDistribution }[];
  alarmsByHour: number[];
  falseAlarms: { count: number; rate: number | null };
}

const responseTimes = (rows: readonly KpiIncident[]) => rows.map(responseMinutes).filter((m): m is number => m !== null);

export function computeKpis(rows: readonly KpiIncident[], zone: string): KpiReport {
  const byOrganisation = new Map<string | null, KpiIncident[]>();
  for (const r of rows) byOrganisation.set(r.organisationId, [...(byOrganisation.get(r.organisationId) ?? []), r]);
  const falseAlarms = rows.filter((r) => r.status === 'cancelled' && r.outcome === 'false_alarm').length;
  return {
    incidents: rows.length,
    responseTime: distribution(responseTimes(rows)),
    byUrgency: urgencies.map((urgency) => {
      const own = rows.filter((r) => r.urgency === urgency);
      const times = responseTimes(own);
      const target = RESPONSE_MINUTES[urgency];
      return { urgency, incidents: own.length, targetMinutes: target, withinTargetShare: target === null ? null : share(times.filter((m) => m <= target).length, times.length), responseTime: distribution(times) };
    }),
    byOrganisation: [...byOrganisation.entries()].map(([organisationId, own]) => ({ organisationId, incidents: own.length, responseTime: distribution(responseTimes(own)) })),
    alarmsByHour: alarmsByHour(rows.map((r) => r.receivedAt), zone),
    falseAlarms: { count: falseAlarms, rate: share(falseAlarms, rows.length) },
  };
}

export interface AllocationLine {
  organisationId: string;
  incidents: number;
  minutesOnSite: number;
  /** Shares (0–1) of the allocated totals: incidents without a client stay outside the division. */
  incidentShare: number | null;
  minutesShare: number | null;
}

export interface Allocation {
  lines: AllocationLine[];
  total: { incidents: number; minutesOnSite: number };
  unallocated: { incidents: number; minutesOnSite: number };
}

/** Incidents and minutes on site per home organisation, with each one's share of the total. */
export function allocateCosts(rows: readonly KpiIncident[]): Allocation {
  const per = new Map<string, { incidents: number; minutesOnSite: number }>();
  const unallocated = { incidents: 0, minutesOnSite: 0 };
  for (const r of rows) {
    const line = r.organisationId ? (per.get(r.organisationId) ?? { incidents: 0, minutesOnSite: 0 }) : unallocated;
    line.incidents++;
    line.minutesOnSite += r.minutesOnSite ?? 0;
    if (r.organisationId) per.set(r.organisationId, line);
  }
  const total = { incidents: 0, minutesOnSite: 0 };
  for (const l of per.values()) {
    total.incidents += l.incidents;
    total.minutesOnSite += l.minutesOnSite;
  }
  const lines = [...per.entries()].map(([organisationId, l]) => ({ organisationId, ...l, incidentShare: share(l.incidents, total.incidents), minutesShare: share(l.minutesOnSite, total.minutesOnSite) }));
  return { lines, total, unallocated };
}

export interface Window {
  from: Date;
  to: Date;
}

/** A calendar month in the alliance's zone: from local midnight on the 1st to local midnight on the next 1st. */
export function monthWindow(month: string, zone: string): Window {
  const next = format(addMonths(new Date(`${month}-15T12:00:00Z`), 1), 'yyyy-MM');
  return { from: fromZonedTime(`${month}-01T00:00:00`, zone), to: fromZonedTime(`${next}-01T00:00:00`, zone) };
}

/** Local dates `from` to `to`, both included. */
export function dateWindow(from: string, to: string, zone: string): Window {
  const after = format(addDays(new Date(`${to}T12:00:00Z`), 1), 'yyyy-MM-dd');
  return { from: fromZonedTime(`${from}T00:00:00`, zone), to: fromZonedTime(`${after}T00:00:00`, zone) };
}
