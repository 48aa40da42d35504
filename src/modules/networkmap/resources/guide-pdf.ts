import { formatDate, translator } from '../../../platform/i18n/index.js';
import { pdfBuffer } from '../../../platform/pdf/index.js';
import type { PersonaContent } from '../tables.js';

export interface GuidePersona {
  title: string;
  summary: string;
  persona: PersonaContent;
  fictional: boolean;
  provenance: { madeBy: string; conversations: number | null; madeOn: string | null; licence: string };
}

/** Questions for a conversation with someone in the persona's situation, or with the people around them. */
const QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;

/**
 * The printable conversation guide: the persona (who they are, what they need, what helps, in their
 * own words) and the questions to talk it through, in Dutch, on A4 with its provenance at the foot.
 */
export function conversationGuide(p: GuidePersona): Promise<Buffer> {
  const t = translator('nl');
  return pdfBuffer((doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(t('networkmap.guide.title', { title: p.title }));
    if (p.fictional) doc.font('Helvetica-Oblique').fontSize(10).text(t('networkmap.guide.fictional'));
    doc.font('Helvetica').fontSize(11).moveDown(0.5).text(p.summary);
    const section = (heading: string, lines: string[], bullet = '• ') => {
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(heading).font('Helvetica').fontSize(11);
      for (const line of lines) doc.text(`${bullet}${line}`, { indent: 10 });
    };
    section(t('networkmap.guide.situation'), [p.persona.situation], '');
    section(t('networkmap.guide.needs'), p.persona.needs);
    section(t('networkmap.guide.helps'), p.persona.helps);
    section(t('networkmap.guide.quotes'), p.persona.quotes.map((q) => `“${q}”`), '');
    section(t('networkmap.guide.questions'), QUESTIONS.map((q, i) => `${i + 1}. ${t(`networkmap.guide.${q}`)}`), '');
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(t('networkmap.guide.notes')).font('Helvetica');
    doc.rect(doc.x, doc.y + 4, 495, 90).stroke().moveDown(7);
    const { madeBy, conversations, madeOn, licence } = p.provenance;
    doc.fontSize(9).text(t('networkmap.guide.provenance', { madeBy, conversations: conversations ?? '?', madeOn: madeOn ? formatDate(madeOn, 'nl') : '?', licence }));
  }, { title: t('networkmap.guide.title', { title: p.title }) });
}
