import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { helpRoutes } from './help/routes.js';
import { messageRoutes } from './messages/routes.js';
import { circleRoutes } from './routes.js';
import { circleSettings, type CircleSettingsInput } from './settings.js';
import { sweepOverdueTasks } from './tasks/overdue.js';

/** How often each instance looks for overdue tasks; claiming is SKIP LOCKED, so any number may run. */
const OVERDUE_SWEEP_MS = 60_000;

export interface CirclesOptions {
  /** Tests that drive the sweeps themselves switch them off. */
  overdueSweep?: boolean;
  settings?: CircleSettingsInput;
}

/** Care circles: the routes, and the sweep that escalates overdue tasks to the coordinator. */
export function circlesPlugin(platform: PlatformDeps, options: CirclesOptions = {}): FastifyPluginAsync {
  const settings = circleSettings(options.settings);
  return async (app) => {
    await app.register(circleRoutes(platform));
    await app.register(messageRoutes(platform, settings));
    await app.register(helpRoutes(platform, settings));
    if (options.overdueSweep === false) return;
    const timer = setInterval(() => {
      sweepOverdueTasks(platform).catch((error: unknown) => app.log.error(error));
    }, OVERDUE_SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
