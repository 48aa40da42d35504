import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { helpRoutes } from './help/routes.js';
import { messageRoutes } from './messages/routes.js';
import { neighbourhoodHelpRoutes } from './neighbourhood-help/routes.js';
import { sweepReviewReminders } from './plan/review-reminders.js';
import { circleRoutes } from './routes.js';
import { circleSettings, type CircleSettingsInput } from './settings.js';
import { sweepOverdueTasks } from './tasks/overdue.js';

/** How often each instance sweeps for overdue tasks and due plan reviews; claiming is SKIP LOCKED, so any number may run. */
const SWEEP_MS = 60_000;

export interface CirclesOptions {
  /** Tests that drive the sweeps (overdue tasks, review reminders) themselves switch them off. */
  overdueSweep?: boolean;
  settings?: CircleSettingsInput;
}

/** Care circles: the routes, and the sweeps that escalate overdue tasks and remind of plan reviews. */
export function circlesPlugin(platform: PlatformDeps, options: CirclesOptions = {}): FastifyPluginAsync {
  const settings = circleSettings(options.settings);
  return async (app) => {
    await app.register(circleRoutes(platform));
    await app.register(evaluationRoutes(platform));
    await app.register(messageRoutes(platform, settings));
    await app.register(helpRoutes(platform, settings));
    await app.register(neighbourhoodHelpRoutes(platform));
    if (options.overdueSweep === false) return;
    const timer = setInterval(() => {
      sweepOverdueTasks(platform).catch((error: unknown) => app.log.error(error));
      sweepReviewReminders(platform, settings.reviewReminderDays).catch((error: unknown) => app.log.error(error));
    }, SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
