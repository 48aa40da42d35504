/**
 * The figures the alliance exists for, beyond response times: staffing, utilisation, escalations,
 * repeat incidents and handovers. Pure: rows in, counts out, no client identities out.
 */
import { attended, round, share, type KpiIncident } from './aggregate.js';

const MINUTE = 60_000;
const minutesBetween = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / MINUTE);

export interface Night {
  night: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Duty {
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface NightStaffing {
  night: string;
  nurses: number;
  nurseHours: number;
  underMinimum: boolean;
}

export interface Staffing {
  minimumNightNurses: number;
  nights: NightStaffing[];
  nurseHours: number;
  onDutyMinutes: number;
  nurseHoursPerNight: number | null;
  /** One nurse on duty for (part of) one night. */
  nurseNights: number;
  nightsUnderMinimum: number;
}

/** Per night, the distinct nurses on duty and their hours within the shift (duties clipped to it). */
export function staffing(nights: readonly Night[], duties: readonly Duty[], minimumNightNurses: number): Staffing {
  const perNight = nights.map((n) => {
    const overlapping = duties.filter((d) => d.startsAt < n.endsAt && d.endsAt > n.startsAt);
    const minutes = overlapping.reduce((sum, d) => sum + minutesBetween(d.startsAt > n.startsAt ? d.startsAt : n.startsAt, d.endsAt < n.endsAt ? d.endsAt : n.endsAt), 0);
    const nurses = new Set(overlapping.map((d) => d.userId)).size;
    return { night: n.night, nurses, nurseMinutes: minutes, underMinimum: nurses < minimumNightNurses };
  });
  const nurseMinutes = perNight.reduce((s, n) => s + n.nurseMinutes, 0);
  return {
    minimumNightNurses,
    nights: perNight.map((n) => ({ night: n.night, nurses: n.nurses, nurseHours: round(n.nurseMinutes / 60, 2)!, underMinimum: n.underMinimum })),
    nurseHours: round(nurseMinutes / 60, 2)!,
    onDutyMinutes: round(nurseMinutes, 1)!,
    nurseHoursPerNight: perNight.length ? round(nurseMinutes / 60 / perNight.length, 2) : null,
    nurseNights: perNight.reduce((s, n) => s + n.nurses, 0),
    nightsUnderMinimum: perNight.filter((n) => n.underMinimum).length,
  };
}

/** Minutes a nurse spent on this incident on site: the visit report's figure, else on site → closed. */
export function onSiteMinutes(i: KpiIncident): number {
  if (!i.onSiteAt) return 0;
  if (i.minutesOnSite !== null) return i.minutesOnSite;
  return i.closedAt ? minutesBetween(i.onSiteAt, i.closedAt) : 0;
}

/** Minutes from setting off (en route, else accepted) to on site; none without both. */
export const travelMinutes = (i: KpiIncident) => (i.onSiteAt && i.travelStartAt ? minutesBetween(i.travelStartAt, i.onSiteAt) : 0);

export interface Utilisation {
  travelMinutes: number;
  onSiteMinutes: number;
  onDutyMinutes: number;
  /** (travel + on site) ÷ on duty, 0–1; null without anyone on duty. */
  share: number | null;
  /** Attended incidents ÷ nurse-nights. */
  incidentsPerNurseNight: number | null;
}

export function utilisation(rows: readonly KpiIncident[], staffed: Staffing): Utilisation {
  const reached = rows.filter(attended);
  const travel = reached.reduce((s, i) => s + travelMinutes(i), 0);
  const onSite = reached.reduce((s, i) => s + onSiteMinutes(i), 0);
  const onDuty = staffed.onDutyMinutes;
  return {
    travelMinutes: round(travel, 1)!,
    onSiteMinutes: round(onSite, 1)!,
    onDutyMinutes: round(onDuty, 1)!,
    share: onDuty > 0 ? share(travel + onSite, onDuty) : null,
    incidentsPerNurseNight: staffed.nurseNights ? round(reached.length / staffed.nurseNights, 2) : null,
  };
}

export const gpOutcomes = ['advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action'] as const;

export interface Escalations {
  to112: number;
  gpPost: { referrals: number; unanswered: number; byOutcome: Record<(typeof gpOutcomes)[number], number> };
}

export function escalations(rows: readonly KpiIncident[], referrals: readonly { outcome: string | null }[]): Escalations {
  const byOutcome = Object.fromEntries(gpOutcomes.map((o) => [o, referrals.filter((r) => r.outcome === o).length])) as Escalations['gpPost']['byOutcome'];
  return {
    to112: rows.filter((r) => r.outcome === 'escalated_112').length,
    gpPost: { referrals: referrals.length, unanswered: referrals.filter((r) => r.outcome === null).length, byOutcome },
  };
}

export interface Repeats {
  /** Clients with at least one incident. */
  clients: number;
  once: number;
  twice: number;
  threeOrMore: number;
  /** Incidents beyond each client's first. */
  repeatIncidents: number;
  /** Incidents per client with any. */
  incidentsPerClient: number | null;
}

/** How often the same client called in the period, without saying who. */
export function repeats(rows: readonly KpiIncident[]): Repeats {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.clientKey) counts.set(r.clientKey, (counts.get(r.clientKey) ?? 0) + 1);
  const values = [...counts.values()];
  const linked = values.reduce((s, n) => s + n, 0);
  return {
    clients: values.length,
    once: values.filter((n) => n === 1).length,
    twice: values.filter((n) => n === 2).length,
    threeOrMore: values.filter((n) => n >= 3).length,
    repeatIncidents: linked - values.length,
    incidentsPerClient: values.length ? round(linked / values.length, 2) : null,
  };
}

export interface HandoverRow {
  dueAt: Date;
  acknowledgedAt: Date | null;
}

export interface HandoverFigures {
  /** Handovers whose reading time has come. */
  due: number;
  readOnTime: number;
  readLate: number;
  unread: number;
  onTimeShare: number | null;
}

export function handoverFigures(rows: readonly HandoverRow[], now: Date): HandoverFigures {
  const due = rows.filter((h) => h.dueAt <= now);
  const readOnTime = due.filter((h) => h.acknowledgedAt !== null && h.acknowledgedAt <= h.dueAt).length;
  const readLate = due.filter((h) => h.acknowledgedAt !== null && h.acknowledgedAt > h.dueAt).length;
  return { due: due.length, readOnTime, readLate, unread: due.length - readOnTime - readLate, onTimeShare: share(readOnTime, due.length) };
}
