/**
 * Pure aggregation for the night-care KPIs and the cost allocation between partners: no database, no
 * HTTP, no client identities (rows carry organisations, urgencies and times only).
 */
import { addDays, addMonths, format } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { urgencies, type Urgency } from '../incidents/triage.js';
import { DEFAULT_NORMS, type ResponseNorm, type ResponseNorms } from './norms.js';

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
  /** An opaque key per client, only to count repeats; never leaves the aggregates. Null: never linked. */
  clientKey?: string | null;
  /** The nurse's organisation (the supplier of the deployment). */
  assignedOrganisationId?: string | null;
  /** When the nurse set off (en route, or else accepted): travel runs from here to on site. */
  travelStartAt?: Date | null;
  closedAt?: Date | null;
}

/** Reached: a nurse was on site. */
export const attended = (i: Pick<KpiIncident, 'onSiteAt'>) => i.onSiteAt !== null;

/**
 * Needed a visit and never got one: not cancelled, no time on site, and not an urgency handled by phone
 * (its norm has no minutes). Never-triaged incidents count: an untriaged U1 is the worst case.
 */
export function unattended(i: Pick<KpiIncident, 'status' | 'onSiteAt' | 'urgency'>, norms: ResponseNorms = DEFAULT_NORMS): boolean {
  if (i.status === 'cancelled' || i.onSiteAt !== null) return false;
  const norm = i.urgency ? norms[i.urgency as Urgency] : undefined;
  return norm === undefined || norm.minutes !== null;
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

export const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
export const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

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

/** What became of the incidents: reached, never reached although needed, cancelled (by reason). */
export interface Reach {
  attended: number;
  unattended: number;
  cancelled: number;
  cancelledByReason: Record<string, number>;
}

export interface UrgencyFigures {
  urgency: Urgency;
  incidents: number;
  norm: ResponseNorm;
  targetMinutes: number | null;
  /** On site within the norm. */
  withinTarget: number;
  /** withinTarget ÷ (attended + unattended): an incident never reached counts as outside the norm. Null without any. */
  withinTargetShare: number | null;
  reach: Reach;
  responseTime: ResponseDistribution;
}

export interface KpiReport {
  incidents: number;
  reach: Reach;
  responseTime: ResponseDistribution;
  byUrgency: UrgencyFigures[];
  byOrganisation: { organisationId: string | null; incidents: number; reach: Reach; responseTime: ResponseDistribution }[];
  alarmsByHour: number[];
  falseAlarms: { count: number; rate: number | null };
}

const responseTimes = (rows: readonly KpiIncident[]) => rows.map(responseMinutes).filter((m): m is number => m !== null);

export function reachOf(rows: readonly KpiIncident[], norms: ResponseNorms): Reach {
  const cancelledByReason: Record<string, number> = {};
  for (const r of rows.filter((r) => r.status === 'cancelled')) cancelledByReason[r.outcome ?? 'unknown'] = (cancelledByReason[r.outcome ?? 'unknown'] ?? 0) + 1;
  return {
    attended: rows.filter(attended).length,
    unattended: rows.filter((r) => unattended(r, norms)).length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    cancelledByReason,
  };
}

function urgencyFigures(rows: readonly KpiIncident[], urgency: Urgency, norms: ResponseNorms): UrgencyFigures {
  const own = rows.filter((r) => r.urgency === urgency);
  const times = responseTimes(own);
  const norm = norms[urgency];
  const reach = reachOf(own, norms);
  const withinTarget = norm.minutes === null ? 0 : times.filter((m) => m <= norm.minutes!).length;
  const needed = reach.attended + reach.unattended;
  return { urgency, incidents: own.length, norm, targetMinutes: norm.minutes, withinTarget, withinTargetShare: norm.minutes === null ? null : share(withinTarget, needed), reach, responseTime: distribution(times) };
}

export function computeKpis(rows: readonly KpiIncident[], zone: string, norms: ResponseNorms = DEFAULT_NORMS): KpiReport {
  const byOrganisation = new Map<string | null, KpiIncident[]>();
  for (const r of rows) byOrganisation.set(r.organisationId, [...(byOrganisation.get(r.organisationId) ?? []), r]);
  const falseAlarms = rows.filter((r) => r.status === 'cancelled' && r.outcome === 'false_alarm').length;
  return {
    incidents: rows.length,
    reach: reachOf(rows, norms),
    responseTime: distribution(responseTimes(rows)),
    byUrgency: urgencies.map((urgency) => urgencyFigures(rows, urgency, norms)),
    byOrganisation: [...byOrganisation.entries()].map(([organisationId, own]) => ({ organisationId, incidents: own.length, reach: reachOf(own, norms), responseTime: distribution(responseTimes(own)) })),
    alarmsByHour: alarmsByHour(rows.map((r) => r.receivedAt), zone),
    falseAlarms: { count: falseAlarms, rate: share(falseAlarms, rows.length) },
  };
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
