import { addDays, differenceInCalendarDays, format } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden, invalid } from '../../../platform/http/index.js';
import { allianceSettings } from '../../nightteam/index.js';
import { computeKpis, dateWindow, type KpiReport, type ResponseDistribution } from './aggregate.js';
import { allianceOrganisations, kpiIncidents } from './store.js';

export const KPI_DEFAULT_DAYS = 30;
export const KPI_MAX_DAYS = 366;

/** Night coordinators and organisation administrators of a member organisation; aggregates only. */
export function assertKpiReader(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'coordinator', 'organisation_admin')) throw forbidden('Only coordinators and organisation administrators see night-care figures');
  return actingAlliance(ctx, allianceId);
}

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
  byOrganisation: { organisationId: string | null; organisationName: string | null; incidents: number; responseTime: ResponseDistribution }[];
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

/** Response times, alarms by hour and false alarms over local dates `from`–`to` (both included; default the last 30 days). */
export async function readKpis(deps: PlatformDeps, ctx: AccessContext, query: KpiQuery, now = new Date()): Promise<KpiView> {
  const allianceId = assertKpiReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const zone = (await allianceSettings(trx, allianceId)).time_zone;
    const { from, to } = period(query, zone, now);
    const window = dateWindow(from, to, zone);
    const [rows, organisations] = await Promise.all([kpiIncidents(trx, allianceId, window.from, window.to), allianceOrganisations(trx, allianceId)]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const report = computeKpis(rows, zone);
    return {
      allianceId,
      timeZone: zone,
      from,
      to,
      ...report,
      byOrganisation: report.byOrganisation
        .map((o) => ({ ...o, organisationName: o.organisationId ? (names.get(o.organisationId) ?? null) : null }))
        .sort((a, b) => (a.organisationName ?? '\uffff').localeCompare(b.organisationName ?? '\uffff')),
    };
  });
}
