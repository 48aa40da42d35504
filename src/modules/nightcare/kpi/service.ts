import { addDays, differenceInCalendarDays, format } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid } from '../../../platform/http/index.js';
import { allianceSettings, shiftStartingOn } from '../../nightteam/index.js';
import { handoverDueAt } from '../handover/service.js';
import { assertKpiReader } from './access.js';
import { computeKpis, dateWindow, type KpiReport, type Reach, type ResponseDistribution } from './aggregate.js';
import { escalations, handoverFigures, repeats, staffing, utilisation, type Escalations, type HandoverFigures, type Night, type Repeats, type Staffing, type Utilisation } from './figures.js';
import { nightNorms } from './norms.js';
import { allianceOrganisations, dutiesOverlapping, handoversIn, kpiIncidents, referralOutcomes } from './store.js';

export const KPI_DEFAULT_DAYS = 30;
export const KPI_MAX_DAYS = 366;

export interface KpiQuery {
  from?: string;
  to?: string;
  allianceId?: string;
}

export interface KpiView extends Omit<KpiReport, 'byOrganisation'> {
  allianceId: string;
  timeZone: string;
  from: string;
  to: string;
  byOrganisation: { organisationId: string | null; organisationName: string | null; incidents: number; reach: Reach; responseTime: ResponseDistribution }[];
  staffing: Staffing;
  utilisation: Utilisation;
  escalations: Escalations;
  repeats: Repeats;
  handovers: HandoverFigures;
}

function period(query: KpiQuery, zone: string, now: Date): { from: string; to: string } {
  const today = formatInTimeZone(now, zone, 'yyyy-MM-dd');
  const to = query.to ?? today;
  const from = query.from ?? format(addDays(new Date(`${to}T12:00:00Z`), -(KPI_DEFAULT_DAYS - 1)), 'yyyy-MM-dd');
  const days = differenceInCalendarDays(new Date(`${to}T12:00:00Z`), new Date(`${from}T12:00:00Z`)) + 1;
  if (days < 1) throw invalid('The period ends before it starts', [{ path: 'to', code: 'before_from', message: 'The period ends before it starts' }]);
  if (days > KPI_MAX_DAYS) throw invalid(`A period is at most ${KPI_MAX_DAYS} days`, [{ path: 'from', code: 'too_long', message: `A period is at most ${KPI_MAX_DAYS} days` }]);
  return { from, to };
}

/** The night shifts that start on the local dates `from`–`to` and have begun by `now`. */
export function nightsIn(from: string, to: string, zone: string, times: { start: string; end: string }, now: Date): Night[] {
  const nights: Night[] = [];
  for (let day = from; day <= to; day = format(addDays(new Date(`${day}T12:00:00Z`), 1), 'yyyy-MM-dd')) {
    const shift = shiftStartingOn(day, zone, times);
    if (shift.startsAt <= now) nights.push({ night: day, startsAt: shift.startsAt, endsAt: shift.endsAt });
  }
  return nights;
}

/**
 * The period's figures over local dates `from`–`to` (both included; default the last 30 days): incidents
 * by their time of receipt, staffing and handovers by the nights that start on those dates.
 */
export async function readKpis(deps: PlatformDeps, ctx: AccessContext, query: KpiQuery, now = new Date()): Promise<KpiView> {
  const allianceId = assertKpiReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const settings = await allianceSettings(trx, allianceId);
    const zone = settings.time_zone;
    const { from, to } = period(query, zone, now);
    const window = dateWindow(from, to, zone);
    const nights = nightsIn(from, to, zone, { start: settings.night_shift_start, end: settings.night_shift_end }, now);
    const nightsFrom = nights[0]?.startsAt ?? window.from;
    const nightsTo = nights.at(-1)?.endsAt ?? window.from;
    const [rows, organisations, { norms, minimumNightNurses }, duties, referrals, handovers] = await Promise.all([
      kpiIncidents(trx, allianceId, window.from, window.to),
      allianceOrganisations(trx, allianceId),
      nightNorms(trx, allianceId),
      dutiesOverlapping(trx, allianceId, nightsFrom, nightsTo),
      referralOutcomes(trx, allianceId, window.from, window.to),
      handoversIn(trx, allianceId, nightsFrom, nightsTo),
    ]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const report = computeKpis(rows, zone, norms);
    const staffed = staffing(nights, duties, minimumNightNurses);
    return {
      allianceId,
      timeZone: zone,
      from,
      to,
      ...report,
      byOrganisation: report.byOrganisation
        .map((o) => ({ ...o, organisationName: o.organisationId ? (names.get(o.organisationId) ?? null) : null }))
        .sort((a, b) => (a.organisationName ?? '\uffff').localeCompare(b.organisationName ?? '\uffff')),
      staffing: staffed,
      utilisation: utilisation(rows, staffed),
      escalations: escalations(rows, referrals),
      repeats: repeats(rows),
      handovers: handoverFigures(
        handovers.map((h) => ({ dueAt: handoverDueAt(formatInTimeZone(h.shift_start, zone, 'yyyy-MM-dd'), zone), acknowledgedAt: h.acknowledged_at })),
        now,
      ),
    };
  });
}
