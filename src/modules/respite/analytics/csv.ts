import { translator, type Language } from '../../../platform/i18n/index.js';
import type { Analytics } from './schemas.js';

export type Figure = 'occupancy' | 'stays' | 'unmet' | 'unmet-searches' | 'non-use';

/** Which rows and columns each download holds; codes (offer types, reasons) stay as codes for analysis. */
const COLUMNS = {
  occupancy: ['location', 'offerType', 'municipality', 'month', 'availableNights', 'bookedNights', 'rate'],
  stays: ['location', 'offerType', 'month', 'stays', 'cancelled', 'noShow', 'medianLeadDays'],
  unmet: ['municipality', 'requests', 'reason', 'n'],
  'unmet-searches': ['municipality', 'searches', 'reason', 'n'],
  'non-use': ['municipality', 'answers', 'reason', 'n'],
} as const;

/** A row's total, hidden with any of its cells (suppress.ts suppressRow): it may be large, so it does not read `<5`. */
const ROW_TOTALS = new Set<string>(['requests', 'searches']);

const rowsOf = (analytics: Analytics, figure: Figure): Record<string, unknown>[] =>
  ({ occupancy: analytics.occupancy, stays: analytics.stays, unmet: analytics.unmet, 'unmet-searches': analytics.unmetSearches, 'non-use': analytics.nonUse })[figure];

// Dutch and Danish spreadsheets expect semicolons and decimal commas; English ones commas and points (as the cost statement).
const csvStyle = (language: Language) => (language === 'en' ? { separator: ',', decimal: '.' } : { separator: ';', decimal: ',' });
const csvField = (value: string, separator: string) => (/["\n\r]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * One figure as CSV (UTF-8 with BOM for the spreadsheets' accents). A hidden small group reads `<5`
 * (the alliance's minimum), so a reader sees it was suppressed, not zero; a hidden row total reads as hidden.
 */
export function analyticsCsv(analytics: Analytics, figure: Figure, language: Language = 'nl'): string {
  const t = translator(language);
  const { separator, decimal } = csvStyle(language);
  const columns = COLUMNS[figure];
  const cell = (value: unknown, column: string) => {
    if (value === null || value === undefined) return ROW_TOTALS.has(column) ? t('respiteAnalytics.hiddenTotal') : `<${analytics.minGroupSize}`;
    if (typeof value === 'number') return String(value).replace('.', decimal);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const line = (cells: string[]) => cells.map((c) => csvField(c, separator)).join(separator);
  const lines = [line(columns.map((c) => t(`respiteAnalytics.columns.${c}`))), ...rowsOf(analytics, figure).map((row) => line(columns.map((c) => cell(row[c], c))))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
