import { translator, type Language } from '../i18n/index.js';

/**
 * The mail templates: each names keys under `mail.<template>` in the server locales (`subject`, `body`
 * with paragraphs split by blank lines, `action` the link's label). A module adds its template here and
 * its texts in nl, en and da. Mail only notifies or carries a link: never client health data.
 */
export const mailTemplates = [
  'citizenSignIn',
  'respiteRequestReceived',
  'respiteRequestForIntake',
  'respiteHoldOffered',
  'respiteStayReminder',
  'respiteFeedbackAsked',
  'circleInvitation',
  'circleTaskOverdue',
  'circleMessage',
  'circleReviewDue',
  'networkmapConfirm',
  'networkmapEditLink',
  'networkmapAccepted',
  'networkmapChangesRequested',
  'networkmapRejected',
  'networkmapVerify',
] as const;
export type MailTemplate = (typeof mailTemplates)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Plain text and a simple HTML version of one template. `linkUrl` is shown under the action's label;
 * the HTML has no images, scripts or external styles, so it reads the same in every mail program.
 */
export function renderMail(template: MailTemplate, language: Language, params: Record<string, string>, linkUrl?: string): RenderedMail {
  const t = translator(language);
  const key = `mail.${template}`;
  const subject = t(`${key}.subject`, params);
  const paragraphs = t(`${key}.body`, params).split(/\n\s*\n/);
  const footer = t('mail.footer');
  const action = linkUrl ? t(`${key}.action`, params) : undefined;
  const text = [...paragraphs, ...(action && linkUrl ? [`${action}:\n${linkUrl}`] : []), '--', footer].join('\n\n');
  const htmlParagraphs = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  const htmlAction = action && linkUrl ? [`<p><a href="${escapeHtml(linkUrl)}" style="font-weight:bold">${escapeHtml(action)}</a></p>`, `<p style="word-break:break-all">${escapeHtml(linkUrl)}</p>`] : [];
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">',
    ...htmlParagraphs,
    ...htmlAction,
    `<hr><p style="font-size:14px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
