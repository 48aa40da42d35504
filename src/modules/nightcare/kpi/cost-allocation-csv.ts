import { translator, type Language } from '../../../platform/i18n/index.js';
import type { CostAllocationStatement } from './cost-allocation.js';

// Dutch and Danish spreadsheets expect semicolons and decimal commas; English ones commas and points.
const csvStyle = (language: Language) => (language === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' });

const csvField = (value: string, separator: string) => (/["\n\r]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);

export const CSV_COLUMNS = ['supplier', 'user', 'deployments', 'minutesOnSite', 'travelMinutes', 'fixedEuros', 'variableEuros', 'totalEuros'] as const;

/**
 * The statement as CSV (UTF-8 with BOM so that spreadsheets read the accents): one row per cell of the
 * matrix, a total per using organisation, the grand total, then what was not charged.
 */
export function costAllocationCsv(statement: CostAllocationStatement, language: Language = 'nl'): string {
  const t = translator(language);
  const { separator, decimal } = csvStyle(language);
  const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', decimal);
  const minutes = (n: number) => String(Math.round(n * 10) / 10).replace('.', decimal);
  const name = (id: string) => statement.organisationNames[id] ?? id;
  const row = (cells: string[]) => cells.map((c) => csvField(c, separator)).join(separator);
  const lines = [row(CSV_COLUMNS.map((c) => t(`costAllocation.columns.${c}`)))];
  for (const c of statement.cells) lines.push(row([name(c.supplierId), name(c.userId), String(c.deployments), minutes(c.minutesOnSite), minutes(c.travelMinutes), euros(c.fixedCents), euros(c.variableCents), euros(c.totalCents)]));
  for (const u of statement.users) lines.push(row([t('costAllocation.allSuppliers'), name(u.organisationId), String(u.deployments), minutes(u.minutesOnSite), minutes(u.travelMinutes), euros(u.fixedCents), euros(u.variableCents), euros(u.totalCents)]));
  const total = statement.totals;
  lines.push(row([t('costAllocation.total'), '', String(total.deployments), minutes(total.minutesOnSite), minutes(total.travelMinutes), euros(total.fixedCents), euros(total.variableCents), euros(total.totalCents)]));
  lines.push(row([t('costAllocation.notDeployments', statement.notDeployments)]));
  if (statement.unallocated.deployments || statement.unallocated.standbyCents) lines.push(row([t('costAllocation.unallocated', { deployments: statement.unallocated.deployments, euros: euros(statement.unallocated.variableCents + statement.unallocated.standbyCents) })]));
  if (!statement.agreement) lines.push(row([t('costAllocation.noAgreement')]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
