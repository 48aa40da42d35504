import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { alarmKeyRoutes } from './alarm-key-routes.js';
import { gpReferralRoutes } from './gp-referral-routes.js';
import { handoverRoutes } from './handover-routes.js';
import { identificationIndexRoutes } from './identification-index-routes.js';
import { sweepHandoverReminders } from './handover-service.js';
import { expireOffers } from './incident-service.js';
import { kpiRoutes } from './kpi-routes.js';
import { LiveHub } from './live.js';
import { nightcareRoutes, type NightcareOptions } from './routes.js';

const OFFER_SWEEP_MS = 10_000;
const HANDOVER_SWEEP_MS = 60_000;

/** Night care in the app: routes, the live-update hub, and the sweep that moves lapsed offers on. */
export function nightcarePlugin(deps: PlatformDeps, options: NightcareOptions): FastifyPluginAsync {
  return async (app) => {
    const hub = new LiveHub(deps.databaseUrl);
    await hub.start();
    const sweep = setInterval(() => void expireOffers(deps).catch((error: unknown) => app.log.error(error)), OFFER_SWEEP_MS);
    sweep.unref();
    const handoverSweep = setInterval(() => void sweepHandoverReminders(deps).catch((error: unknown) => app.log.error(error)), HANDOVER_SWEEP_MS);
    handoverSweep.unref();
    app.addHook('onClose', async () => {
      clearInterval(sweep);
      clearInterval(handoverSweep);
      await hub.close();
    });
    await app.register(nightcareRoutes(deps, hub, options));
    await app.register(handoverRoutes(deps));
    await app.register(gpReferralRoutes(deps));
    await app.register(kpiRoutes(deps));
    await app.register(alarmKeyRoutes(deps));
    await app.register(identificationIndexRoutes(deps));
  };
}
