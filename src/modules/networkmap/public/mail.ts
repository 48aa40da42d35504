import type { MailTemplate } from '../../../platform/mail/index.js';
import type { NetworkMapDeps } from '../deps.js';

/** Public paths of the web app the mails link to (web/src/pages/networkmap). */
export const confirmPath = (token: string) => `/netwerkkaart/bevestigen?token=${token}`;
export const editPath = (token: string) => `/netwerkkaart/wijzigen?token=${token}`;

/** The call is Dutch-first, like the form; the link opens something, so the outbox copy blanks it when SMTP delivers. */
export async function mailSubmitter(
  deps: Pick<NetworkMapDeps, 'mailer'>,
  to: { email: string; allianceId: string },
  template: MailTemplate,
  params: Record<string, string>,
  linkPath?: string,
): Promise<void> {
  await deps.mailer.send({ allianceId: to.allianceId, to: to.email, language: 'nl', template, params, ...(linkPath ? { link: { path: linkPath, secret: true } } : {}) });
}
