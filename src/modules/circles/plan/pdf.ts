import { formatDate, intlLocale, translator, type Language } from '../../../platform/i18n/index.js';
import { pdfBuffer } from '../../../platform/pdf/index.js';

/** What the printed plan shows; plan/service.ts reads it. */
export interface PlanPrint {
  version: number;
  whatMatters: string;
  goals: { text: string; theme: string; met: boolean }[];
  agreements: { text: string; owner: string }[];
  reviewOn: string | null;
  lastPhaseWishes: string;
  history: { version: number; changedBy: string; changedAt: Date; fields: string[] }[];
}

/** The plan in the person's own words on paper: what matters, goals, agreements with their owner, review date, wishes, history. */
export function renderPlanPdf(plan: PlanPrint, person: string, language: Language): Promise<Buffer> {
  const t = translator(language);
  const stamp = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium' });
  const title = t('circlePlan.title', { person });
  return pdfBuffer((doc) => {
    const heading = (key: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(t(`circlePlan.${key}`)).font('Helvetica').fontSize(10);
    doc.font('Helvetica-Bold').fontSize(16).text(title);
    doc.font('Helvetica').fontSize(10).text(t('circlePlan.version', { version: plan.version, date: plan.history[0] ? stamp.format(plan.history[0].changedAt) : '-' }));
    heading('whatMatters');
    doc.text(plan.whatMatters || t('circlePlan.empty'));
    heading('goals');
    if (plan.goals.length === 0) doc.text(t('circlePlan.empty'));
    for (const g of plan.goals) doc.text(`- ${g.text} (${t(`circlePlan.themes.${g.theme}`)}${g.met ? `, ${t('circlePlan.met')}` : ''})`);
    heading('agreements');
    if (plan.agreements.length === 0) doc.text(t('circlePlan.empty'));
    for (const a of plan.agreements) doc.text(`- ${a.text} (${t('circlePlan.owner', { owner: a.owner })})`);
    heading('review');
    doc.text(plan.reviewOn ? formatDate(plan.reviewOn, language) : t('circlePlan.noReview'));
    heading('wishes');
    doc.text(plan.lastPhaseWishes || t('circlePlan.empty'));
    heading('history');
    for (const h of plan.history) doc.text(t('circlePlan.change', { version: h.version, by: h.changedBy, date: stamp.format(h.changedAt), fields: h.fields.map((f) => t(`circlePlan.fields.${f}`)).join(', ') }));
  }, { title });
}
