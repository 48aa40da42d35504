import type { Transporter } from 'nodemailer';
import type { Db } from '../db/index.js';
import type { Language } from '../i18n/index.js';
import { renderMail, type MailTemplate } from './render.js';

export interface MailSettings {
  /** `smtp://` or `smtps://`; unset: mail is only recorded in the outbox (the demo). */
  smtpUrl?: string | undefined;
  from: string;
  /** Where citizens reach the web app, without a trailing slash: links in mail start here. */
  publicUrl: string;
  /** Where a failure to record a delivery's outcome goes (the app's log). */
  onError?: (error: unknown) => void;
}

export interface Mail {
  /** The alliance the mail is sent for: its administrator sees it on the outbox page. */
  allianceId: string;
  to: string;
  language: Language;
  template: MailTemplate;
  params?: Record<string, string>;
  /**
   * A path of the web app (`/burger/...`) the mail links to. `secret` when the link itself grants
   * access (a sign-in link): the recorded copy then shows it blanked, unless the outbox is the only
   * delivery (no SMTP: the demo, where the administrator opens the link from the outbox page).
   */
  link?: { path: string; secret?: boolean };
}

export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  /**
   * Records the mail in the outbox and hands it to SMTP in the background; resolves with the outbox id
   * once recorded. Call it after the transaction that caused the mail has committed.
   */
  send(mail: Mail): Promise<string>;
  /** Resolves when every mail handed over so far has been delivered or has failed (tests, shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const BLANKED_LINK = '[…]';

export function createMailer(db: Db, settings: MailSettings): Mailer {
  const smtpUrl = settings.smtpUrl;
  // nodemailer is loaded with the first mail, not at start: it takes about half a second to import on a
  // busy machine, in front of the DC-09 receiver of a restarting server (issue 15: alarms within 2 s).
  let smtp: Promise<Transporter> | undefined;
  const transporter = smtpUrl ? () => (smtp ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl))) : undefined;
  const pending = new Set<Promise<void>>();

  async function deliver(id: string, mail: Mail, rendered: ReturnType<typeof renderMail>): Promise<void> {
    if (!transporter) return;
    try {
      await (await transporter()).sendMail({ from: settings.from, to: mail.to, subject: rendered.subject, text: rendered.text, html: rendered.html });
      await db.updateTable('outbox').set({ status: 'sent', sent_at: new Date() }).where('id', '=', id).execute();
    } catch (error) {
      // The outbox row keeps the failure for the administrator; the caller's request has long answered.
      await db
        .updateTable('outbox')
        .set({ status: 'failed', error: error instanceof Error ? error.message : String(error) })
        .where('id', '=', id)
        .execute();
    }
  }

  return {
    transport: transporter ? 'smtp' : 'outbox',
    async send(mail) {
      const params = mail.params ?? {};
      const url = mail.link ? `${settings.publicUrl}${mail.link.path}` : undefined;
      const rendered = renderMail(mail.template, mail.language, params, url);
      const recorded = transporter && mail.link?.secret ? renderMail(mail.template, mail.language, params, BLANKED_LINK) : rendered;
      const row = await db
        .insertInto('outbox')
        .values({
          alliance_id: mail.allianceId,
          recipient: mail.to,
          template: mail.template,
          language: mail.language,
          subject: recorded.subject,
          body_text: recorded.text,
          body_html: recorded.html,
          transport: transporter ? 'smtp' : 'outbox',
          status: transporter ? 'queued' : 'stored',
          error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (transporter) {
        const delivery = deliver(row.id, mail, rendered)
          .catch((error: unknown) => settings.onError?.(error))
          .finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
      return row.id;
    },
    async settled() {
      await Promise.all([...pending]);
    },
    async close() {
      await Promise.all([...pending]);
      if (smtp) (await smtp).close();
    },
  };
}
