import { addMonths, format } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { languages, translator, type Language } from '../../../platform/i18n/index.js';
import { allocateCosts, monthWindow } from './aggregate.js';
import { assertKpiReader } from './service.js';
import { allianceName, allianceOrganisations, kpiIncidents } from './store.js';
import { allianceSettings } from '../../nightteam/index.js';

export interface CostAllocationLine {
  organisationId: string;
  organisationName: string;
  incidents: number;
  minutesOnSite: number;
  incidentShare: number | null;
  minutesShare: number | null;
}

export interface CostAllocationStatement {
  allianceId: string;
  allianceName: string;
  timeZone: string;
  month: string;
  from: Date;
  to: Date;
  lines: CostAllocationLine[];
  total: { incidents: number; minutesOnSite: number };
  unallocated: { incidents: number; minutesOnSite: number };
}

/**
 * Per home organisation, the month's incidents for its clients and the minutes on site, with its share
 * of the total. Every care provider of the alliance gets a line, also with nothing to pay.
 */
export async function readCostAllocation(deps: PlatformDeps, ctx: AccessContext, query: { month?: string; allianceId?: string }, now = new Date()): Promise<CostAllocationStatement> {
  const allianceId = assertKpiReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const zone = (await allianceSettings(trx, allianceId)).time_zone;
    // Default: the last full month in the alliance's zone.
    const month = query.month ?? format(addMonths(new Date(`${formatInTimeZone(now, zone, 'yyyy-MM')}-15T12:00:00Z`), -1), 'yyyy-MM');
    const window = monthWindow(month, zone);
    const [rows, organisations, name] = await Promise.all([kpiIncidents(trx, allianceId, window.from, window.to), allianceOrganisations(trx, allianceId), allianceName(trx, allianceId)]);
    const allocation = allocateCosts(rows);
    const byId = new Map(allocation.lines.map((l) => [l.organisationId, l]));
    const lines = organisations
      .filter((o) => o.kind === 'care_provider' || byId.has(o.id))
      .map((o) => ({ organisationId: o.id, organisationName: o.name, ...(byId.get(o.id) ?? { incidents: 0, minutesOnSite: 0, incidentShare: allocation.total.incidents ? 0 : null, minutesShare: allocation.total.minutesOnSite ? 0 : null }) }));
    return { allianceId, allianceName: name, timeZone: zone, month, from: window.from, to: window.to, lines, total: allocation.total, unallocated: allocation.unallocated };
  });
}

export const asLanguage = (value: string | undefined): Language => ((languages as readonly string[]).includes(value ?? '') ? (value as Language) : 'nl');

/** Spreadsheet conventions of the reader's language: Dutch Excel expects `;` between fields and a decimal comma. */
// Dutch and Danish spreadsheets expect semicolons and decimal commas; English ones commas and points.
const csvStyle = (language: Language) => (language === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' });

const csvField = (value: string, separator: string) => (/["\n\r]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);

/** The statement as CSV (UTF-8 with BOM so that spreadsheets read the accents), shares in percent. */
export function costAllocationCsv(statement: CostAllocationStatement, language: Language = 'nl'): string {
  const t = translator(language);
  const { separator, decimal } = csvStyle(language);
  const percent = (share: number | null) => (share === null ? '' : (share * 100).toFixed(2).replace('.', decimal));
  const row = (cells: string[]) => cells.map((c) => csvField(c, separator)).join(separator);
  const columns = ['organisation', 'incidents', 'incidentShare', 'minutesOnSite', 'minutesShare'].map((c) => t(`costAllocation.columns.${c}`));
  const lines = [
    row(columns),
    ...statement.lines.map((l) => row([l.organisationName, String(l.incidents), percent(l.incidentShare), String(l.minutesOnSite), percent(l.minutesShare)])),
    row([t('costAllocation.total'), String(statement.total.incidents), statement.total.incidents ? percent(1) : '', String(statement.total.minutesOnSite), statement.total.minutesOnSite ? percent(1) : '']),
  ];
  if (statement.unallocated.incidents) lines.push(row([t('costAllocation.unallocated'), String(statement.unallocated.incidents), '', String(statement.unallocated.minutesOnSite), '']));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
