import { formatDate, intlLocale, type Language, translator } from '../../../platform/i18n/index.js';
import { pdfBuffer } from '../../../platform/pdf/index.js';
import type { HandoverIncident, HandoverView, RespiteSuggestion } from './view.js';

function writeIncident(doc: PDFKit.PDFDocument, incident: HandoverIncident, language: Language, time: (d: Date | null) => string): void {
  const t = translator(language);
  const c = incident.client;
  doc.font('Helvetica-Bold').fontSize(11).text(`${c.givenName} ${c.familyName} (${formatDate(c.dateOfBirth, language)})`);
  doc.font('Helvetica').fontSize(9).text(`${c.street} ${c.houseNumber}, ${c.postcode} ${c.city}`);
  if (incident.neverAttended) doc.font('Helvetica-Bold').fillColor('#a4161a').text(`! ${t('handover.neverAttended')}`).fillColor('black').font('Helvetica');
  if (incident.receivedBeforeShift) doc.text(t('handover.receivedBefore', { received: time(incident.receivedAt) }));
  const line = (key: string, value: string) => doc.font('Helvetica-Bold').text(`${t(`handover.fields.${key}`)}: `, { continued: true }).font('Helvetica').text(value);
  line('reason', `${t(`handover.reasons.${incident.reason}`, { defaultValue: incident.reason })}${incident.urgency ? ` (${incident.urgency})` : ''}`);
  line('times', t('handover.timesValue', { received: time(incident.receivedAt), onSite: time(incident.onSiteAt), closed: time(incident.closedAt) }));
  line('nurse', incident.nurse ? [incident.nurse.name, incident.nurse.organisationName].filter(Boolean).join(', ') : t('handover.none'));
  line('outcome', incident.outcome ? t(`handover.outcomes.${incident.outcome}`, { defaultValue: incident.outcome }) : t(`handover.statuses.${incident.status}`, { defaultValue: incident.status }));
  if (incident.report) {
    line('actions', incident.report.actions.join('; '));
    line('minutesOnSite', String(incident.report.minutesOnSite));
    if (incident.report.notes) line('notes', incident.report.notes);
    if (incident.report.followUpNeeded && incident.report.followUp) line('followUp', incident.report.followUp);
  } else {
    line('report', t('handover.noReport'));
  }
  for (const g of incident.gpReferrals) {
    const outcome = g.outcome ? t(`gpReferral.outcomes.${g.outcome}`, { defaultValue: g.outcome }) : t('gpReferral.awaitingAnswer');
    line('gpReferral', [g.gpPostName, outcome, g.answer].filter(Boolean).join(' - '));
  }
  doc.moveDown(0.8);
}

/** The same respite suggestions as the handover screen (issue 12 item 14), so the printed copy carries them too. */
function writeRespiteSuggestions(doc: PDFKit.PDFDocument, suggestions: readonly RespiteSuggestion[], language: Language): void {
  if (suggestions.length === 0) return;
  const t = translator(language);
  doc.font('Helvetica-Bold').fontSize(12).text(t('handover.respiteTitle')).font('Helvetica').fontSize(10);
  for (const s of suggestions) {
    const reasons = s.reasons.map((r) => t(`handover.respiteReasons.${r}`, { count: s.alarmsThisWeek })).join(' ');
    const where = s.respiteAlliance ? t('handover.respiteWhere', { alliance: s.respiteAlliance.name }) : t('handover.respiteAsk');
    doc.text(`- ${s.clientName}: ${reasons} ${where}`);
  }
  doc.moveDown();
}

/** The morning handover of one home organisation as a PDF, times in the alliance's zone. */
export function renderHandover(view: HandoverView, timeZone: string, language: Language = 'nl'): Promise<Buffer> {
  const t = translator(language);
  const locale = intlLocale(language);
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const time = (d: Date | null) => (d ? clock.format(d) : '-');
  const title = t('handover.title', { organisation: view.organisationName });
  return pdfBuffer((doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(title);
    doc.font('Helvetica').fontSize(10).text(t('handover.night', { date: formatDate(view.night, language), start: stamp.format(view.shiftStart), end: stamp.format(view.shiftEnd) }));
    doc.text(view.acknowledgedAt ? t('handover.acknowledged', { name: view.acknowledgedBy?.name ?? '', at: stamp.format(view.acknowledgedAt) }) : t('handover.notAcknowledged')).moveDown();
    doc.font('Helvetica-Bold').fontSize(12).text(t('handover.followUpTitle')).font('Helvetica').fontSize(10);
    if (view.followUps.length === 0) doc.text(t('handover.noFollowUp'));
    for (const f of view.followUps) doc.text(`- ${f.clientName}: ${f.followUp}`);
    doc.moveDown();
    writeRespiteSuggestions(doc, view.respiteSuggestions, language);
    doc.font('Helvetica-Bold').fontSize(12).text(t('handover.incidentsTitle', { count: view.incidents.length })).moveDown(0.5);
    if (view.incidents.length === 0) doc.font('Helvetica').fontSize(10).text(t('handover.noIncidents'));
    for (const incident of view.incidents) writeIncident(doc, incident, language, time);
  }, { title });
}
