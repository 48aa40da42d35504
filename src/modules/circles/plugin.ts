import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { circleRoutes } from './routes.js';
import { sweepOverdueTasks } from './tasks/overdue.js';

/** How often each instance looks for overdue tasks; claiming is SKIP LOCKED, so any number may run. */
const OVERDUE_SWEEP_MS = 60_000;

/** Care circles: the routes, and the sweep that escalates overdue tasks to the coordinator. */
export function circlesPlugin(platform: PlatformDeps, options: { overdueSweep?: boolean } = {}): FastifyPluginAsync {
  return async (app) => {
    await app.register(circleRoutes(platform));
    await app.register(evaluationRoutes(platform));
    if (options.overdueSweep === false) return;
    const timer = setInterval(() => {
      sweepOverdueTasks(platform).catch((error: unknown) => app.log.error(error));
    }, OVERDUE_SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
