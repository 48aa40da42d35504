import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import type { RespiteOptions } from './deps.js';
import { publicRespiteRoutes } from './public/routes.js';
import { respiteRoutes } from './routes.js';
import { passOnExpiredHolds } from './waitlist/service.js';

/** How often each instance looks for holds that ran out; claiming is SKIP LOCKED, so any number may run. */
const HOLD_SWEEP_MS = 60_000;

/** The respite capability: staff routes, the public overview and form, and the hold sweep. */
export function respitePlugin(platform: PlatformDeps, options: Partial<RespiteOptions> & { holdSweep?: boolean } = {}): FastifyPluginAsync {
  return async (app) => {
    const deps = {
      ...platform,
      now: options.now ?? (() => new Date()),
      // Until platform mail lands, the default only logs that a message would go out (no content: it may be personal).
      notify: options.notify ?? (async (_to: string, template: string) => void app.log.info({ template }, 'respite notification')),
    };
    await app.register(respiteRoutes(deps));
    await app.register(publicRespiteRoutes(deps));
    if (options.holdSweep === false) return;
    const timer = setInterval(() => {
      passOnExpiredHolds(deps).catch((error: unknown) => app.log.error(error));
    }, HOLD_SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}
