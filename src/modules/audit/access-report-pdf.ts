import { formatDate, intlLocale, type Language, translator } from '../../platform/i18n/index.js';
import { pdfBuffer } from '../../platform/pdf/index.js';
import type { AuditEntryOut } from './schemas.js';

/** The client's "who looked at my data" report: one line per recorded access, in the alliance's zone. */
export function renderAccessReport(
  client: { name: string; dateOfBirth: string },
  entries: AuditEntryOut[],
  timeZone: string,
  language: Language = 'nl',
): Promise<Buffer> {
  const t = translator(language);
  const when = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short', timeStyle: 'short', timeZone });
  return pdfBuffer((doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(t('auditReport.title'));
    doc.font('Helvetica').fontSize(10).moveDown(0.5);
    doc.text(t('auditReport.client', { name: client.name, dateOfBirth: formatDate(client.dateOfBirth, language) }));
    doc.text(t('auditReport.period', { date: formatDate(new Date(), language) })).moveDown();
    const columns = [
      ['when', 100],
      ['who', 130],
      ['organisation', 150],
      ['what', 150],
      ['why', 130],
      ['outcome', 70],
    ] as const;
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      let x = doc.page.margins.left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      cells.forEach((cell, i) => {
        const width = columns[i]?.[1] ?? 100;
        doc.text(cell, x, y, { width: width - 6 });
        x += width;
      });
      doc.x = doc.page.margins.left;
      doc.moveDown(0.3);
    };
    row(columns.map(([key]) => t(`auditReport.columns.${key}`)), true);
    if (entries.length === 0) doc.text(t('auditReport.empty'));
    for (const e of entries) {
      row([when.format(e.at), e.userName ?? '', e.organisationName ?? '', `${e.action} ${e.resource}`, [e.purpose, e.reason].filter(Boolean).join(': '), e.outcome]);
    }
  }, { title: t('auditReport.title'), layout: 'landscape' });
}
