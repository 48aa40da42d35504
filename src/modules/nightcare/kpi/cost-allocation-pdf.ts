import { formatDate, intlLocale, type Language, translator } from '../../../platform/i18n/index.js';
import type { CostAllocationStatement } from './cost-allocation.js';
import { pdfBuffer } from '../../../platform/pdf/index.js';

const COLUMNS = [
  ['organisation', 175],
  ['incidents', 65],
  ['incidentShare', 80],
  ['minutesOnSite', 85],
  ['minutesShare', 80],
] as const;

/** The monthly cost-allocation statement as a one-page table. */
export function renderCostAllocation(statement: CostAllocationStatement, language: Language = 'nl'): Promise<Buffer> {
  const t = translator(language);
  const locale = intlLocale(language);
  const percent = (share: number | null) => (share === null ? '-' : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share));
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${statement.month}-15T12:00:00Z`));
  const title = t('costAllocation.title', { alliance: statement.allianceName });
  return pdfBuffer((doc) => {
    doc.font('Helvetica-Bold').fontSize(15).text(title);
    doc.font('Helvetica').fontSize(10).text(t('costAllocation.month', { month: monthName }));
    doc.text(t('costAllocation.generated', { date: formatDate(new Date(), language) })).moveDown(0.5);
    doc.text(t('costAllocation.explanation')).moveDown();
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      let x = doc.page.margins.left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      cells.forEach((cell, i) => {
        const width = COLUMNS[i]?.[1] ?? 80;
        doc.text(cell, x, y, { width: width - 6, align: i === 0 ? 'left' : 'right' });
        x += width;
      });
      doc.x = doc.page.margins.left;
      doc.moveDown(0.4);
    };
    row(COLUMNS.map(([key]) => t(`costAllocation.columns.${key}`)), true);
    if (statement.total.incidents === 0) doc.text(t('costAllocation.empty')).moveDown(0.4);
    for (const l of statement.lines) row([l.organisationName, count(l.incidents), percent(l.incidentShare), count(l.minutesOnSite), percent(l.minutesShare)]);
    row([t('costAllocation.total'), count(statement.total.incidents), percent(statement.total.incidents ? 1 : null), count(statement.total.minutesOnSite), percent(statement.total.minutesOnSite ? 1 : null)], true);
    if (statement.unallocated.incidents) row([t('costAllocation.unallocated'), count(statement.unallocated.incidents), '', count(statement.unallocated.minutesOnSite), '']);
  }, { title });
}
