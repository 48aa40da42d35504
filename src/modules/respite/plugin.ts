import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { MailTemplate } from '../../platform/mail/index.js';
import type { Notify, RespiteOptions, RespiteTemplate } from './deps.js';
import { analyticsRoutes } from './analytics/routes.js';
import { caregiverRoutes } from './caregiver/routes.js';
import { deskRoutes } from './desk/routes.js';
import { partnerRoutes } from './partners/routes.js';
import { publicRespiteRoutes } from './public/routes.js';
import { researchRoutes } from './research/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { respiteRoutes } from './routes.js';
import { sendStayMails } from './stay-mail/sweep.js';
import { passOnExpiredHolds } from './waitlist/service.js';

/** How often each instance looks for holds that ran out and stays due a reminder or feedback; claiming is SKIP LOCKED, so any number may run. */
const HOLD_SWEEP_MS = 60_000;

const MAIL_TEMPLATES: Record<RespiteTemplate, MailTemplate> = {
  request_received: 'respiteRequestReceived',
  request_for_intake: 'respiteRequestForIntake',
  hold_offered: 'respiteHoldOffered',
  stay_reminder: 'respiteStayReminder',
  feedback_asked: 'respiteFeedbackAsked',
};

/** Respite's messages as platform mail, in Dutch: the public form and the waiting list are Dutch-first. */
const mailNotify =
  (platform: PlatformDeps): Notify =>
  async (to, template, vars, allianceId, linkPath) => {
    await platform.mailer.send({ allianceId, to, language: 'nl', template: MAIL_TEMPLATES[template], params: vars, ...(linkPath ? { link: { path: linkPath } } : {}) });
  };

/** The respite capability: staff routes, the public overview and form, the caregiver's pages, and the sweeps. */
export function respitePlugin(platform: PlatformDeps, options: Partial<RespiteOptions> & { holdSweep?: boolean } = {}): FastifyPluginAsync {
  return async (app) => {
    const deps = {
      ...platform,
      now: options.now ?? (() => new Date()),
      notify: options.notify ?? mailNotify(platform),
    };
    await app.register(respiteRoutes(deps));
    await app.register(publicRespiteRoutes(deps));
    await app.register(caregiverRoutes(deps));
    await app.register(deskRoutes(deps));
    await app.register(researchRoutes(deps));
    await app.register(analyticsRoutes(deps));
    await app.register(partnerRoutes(deps));
    await app.register(settingsRoutes(deps));
    if (options.holdSweep === false) return;
    const timer = setInterval(() => {
      passOnExpiredHolds(deps).catch((error: unknown) => app.log.error(error));
      sendStayMails(deps).catch((error: unknown) => app.log.error(error));
    }, HOLD_SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
