import { formatDate, translator, type Language } from '../../platform/i18n/index.js';
import { pdfBuffer } from '../../platform/pdf/index.js';

export interface LetterData {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  organisationName: string;
  allianceName: string;
  alliance: AllianceFacts;
}

/** What the letter tells about the alliance (issue 11 item 8): who works together, who may see what, what the team does. */
export interface AllianceFacts {
  /** Care organisations with a night-care agreement in force. */
  partners: string[];
  /** GP posts with a night-care agreement in force: they see identification on a referral. */
  gpPosts: string[];
  plannedVisitsEnabled: boolean;
}

const list = (items: string[], language: Language) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);

/** Appends one information letter (one A4 page) to the document. */
export function writeLetter(doc: PDFKit.PDFDocument, letter: LetterData, language: Language, today: Date): void {
  const t = translator(language);
  const vars = { organisation: letter.organisationName, alliance: letter.allianceName, familyName: letter.familyName };
  doc.font('Helvetica-Bold').fontSize(14).text(letter.organisationName);
  doc.font('Helvetica').fontSize(10).moveDown(2);
  doc.text(`${letter.givenName} ${letter.familyName}`);
  doc.text(`${letter.street} ${letter.houseNumber}`);
  doc.text(`${letter.postcode}  ${letter.city}`);
  doc.moveDown(2).text(formatDate(today, language), { align: 'right' });
  doc.moveDown().font('Helvetica-Bold').fontSize(12).text(t('letter.subject'));
  doc.font('Helvetica').fontSize(10).moveDown();
  doc.text(t('letter.salutation', vars)).moveDown(0.5);
  const { partners, gpPosts, plannedVisitsEnabled } = letter.alliance;
  const paragraphs = [
    t('letter.intro', vars),
    t('letter.partners', { ...vars, partners: list(partners, language) }),
    t(plannedVisitsEnabled ? 'letter.plannedVisitsOn' : 'letter.plannedVisitsOff'),
    t('letter.what', vars),
    gpPosts.length ? t('letter.gpPosts', { gpPosts: list(gpPosts, language) }) : t('letter.gpPostsNone'),
    t('letter.log', vars),
  ];
  for (const text of paragraphs) doc.text(text, { align: 'left' }).moveDown(0.5);
  doc.font('Helvetica-Bold').text(t('letter.objectionTitle')).font('Helvetica').moveDown(0.3);
  doc.text(t('letter.objection', vars)).moveDown();
  doc.text(t('letter.closing')).text(letter.organisationName).moveDown(1.5);
  doc.rect(doc.x, doc.y, 470, 70).stroke();
  doc.moveDown(0.5).text(`  ${t('letter.objectionForm', vars)}`);
  doc.text(`  ${t('letter.clientLine', { name: `${letter.givenName} ${letter.familyName}`, dateOfBirth: formatDate(letter.dateOfBirth, language) })}`);
  doc.moveDown(0.5).text(`  ${t('letter.signature')}`);
}

/** Renders letters into one PDF (one page each) and resolves with its bytes. */
export function renderLetters(letters: LetterData[], language: Language = 'nl', onPage?: (done: number) => void): Promise<Buffer> {
  const today = new Date();
  return pdfBuffer(
    (doc) => {
      letters.forEach((letter, index) => {
        doc.addPage();
        writeLetter(doc, letter, language, today);
        onPage?.(index + 1);
      });
    },
    { title: translator(language)('letter.subject'), margin: 60, autoFirstPage: false },
  );
}
