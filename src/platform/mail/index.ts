/**
 * Platform mail. Every module sends through `deps.mailer` (PlatformDeps):
 *
 *   await deps.mailer.send({
 *     allianceId,                       // whose outbox page shows it
 *     to: 'anna@example.nl',
 *     language: 'nl',                   // nl (default), en, da
 *     template: 'citizenSignIn',        // add yours to `mailTemplates` in render.ts, texts under mail.<template> in src/platform/i18n/locales/*.json
 *     params: { name: 'Anna' },         // {{placeholders}} of the texts
 *     link: { path: '/burger/...', secret: false },  // optional; secret: the link grants access (blanked in the recorded copy)
 *   });
 *
 * Send after the transaction that caused the mail has committed. Mail only notifies or carries a link:
 * never client health data in a subject or body. With SMTP_URL set, mail leaves by SMTP (nodemailer) in
 * the background and the outbox row records sent or failed; without it, the outbox is the delivery and
 * the alliance administrator reads it at `GET /api/mail/outbox` (the web app's outbox page).
 * Tests receive real SMTP mail with `startSmtpCatcher()` from test/support/smtp.ts.
 */
export { createMailer, type Mail, type Mailer, type MailSettings } from './mailer.js';
export { mailTemplates, renderMail, type MailTemplate, type RenderedMail } from './render.js';
export { mailRoutes } from './routes.js';
