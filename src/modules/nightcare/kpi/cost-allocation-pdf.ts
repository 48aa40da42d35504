import { formatDate, intlLocale, type Language, translator } from '../../../platform/i18n/index.js';
import { pdfBuffer } from '../../../platform/pdf/index.js';
import type { CostAllocationStatement } from './cost-allocation.js';
import { CSV_COLUMNS } from './cost-allocation-csv.js';

const WIDTHS = [150, 150, 70, 80, 80, 70, 70, 72];

/** The monthly statement: the agreement's rates and key, the matrix cell by cell, totals per user, what was not charged. */
export function renderCostAllocation(statement: CostAllocationStatement, language: Language = 'nl'): Promise<Buffer> {
  const t = translator(language);
  const locale = intlLocale(language);
  const euros = (cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
  const count = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  const name = (id: string) => statement.organisationNames[id] ?? id;
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${statement.month}-15T12:00:00Z`));
  const title = t('costAllocation.title', { alliance: statement.allianceName });
  const a = statement.agreement;
  return pdfBuffer((doc) => {
    doc.font('Helvetica-Bold').fontSize(15).text(title);
    doc.font('Helvetica').fontSize(10).text(t('costAllocation.month', { month: monthName }));
    doc.text(t('costAllocation.generated', { date: formatDate(new Date(), language) })).moveDown(0.5);
    doc.text(t('costAllocation.explanation'));
    doc.text(
      a
        ? t('costAllocation.rates', { reference: a.agreementReference || '-', standby: euros(a.standbyCentsPerNurseHour), onSite: euros(a.onSiteCentsPerHour), travel: euros(a.travelCentsPerHour), key: t(`costAllocation.keys.${a.standbyKey}`, { percent: a.eligibleClientsPercent }) })
        : t('costAllocation.noAgreement'),
    ).moveDown();
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      const y = doc.y;
      let x = doc.page.margins.left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      let bottom = y;
      cells.forEach((cell, i) => {
        const width = WIDTHS[i] ?? 70;
        doc.text(cell, x, y, { width: width - 6, align: i < 2 ? 'left' : 'right' });
        bottom = Math.max(bottom, doc.y);
        x += width;
      });
      doc.x = doc.page.margins.left;
      doc.y = bottom;
      doc.moveDown(0.3);
    };
    row(CSV_COLUMNS.map((c) => t(`costAllocation.columns.${c}`)), true);
    for (const c of statement.cells) row([name(c.supplierId), name(c.userId), count(c.deployments), count(c.minutesOnSite), count(c.travelMinutes), euros(c.fixedCents), euros(c.variableCents), euros(c.totalCents)]);
    for (const u of statement.users) row([t('costAllocation.allSuppliers'), name(u.organisationId), count(u.deployments), count(u.minutesOnSite), count(u.travelMinutes), euros(u.fixedCents), euros(u.variableCents), euros(u.totalCents)], true);
    const total = statement.totals;
    row([t('costAllocation.total'), '', count(total.deployments), count(total.minutesOnSite), count(total.travelMinutes), euros(total.fixedCents), euros(total.variableCents), euros(total.totalCents)], true);
    doc.moveDown(0.5).text(t('costAllocation.notDeployments', statement.notDeployments));
    if (statement.unallocated.deployments || statement.unallocated.standbyCents) doc.text(t('costAllocation.unallocated', { deployments: statement.unallocated.deployments, euros: euros(statement.unallocated.variableCents + statement.unallocated.standbyCents) }));
  }, { title, layout: 'landscape' });
}
