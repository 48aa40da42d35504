import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { alarmKeyRoutes } from './alarms/key-routes.js';
import { gpReferralRoutes } from './gp-referral/routes.js';
import { handoverRoutes } from './handover/routes.js';
import { identificationIndexRoutes } from './incidents/identification-index-routes.js';
import { sweepHandoverReminders } from './handover/service.js';
import { expireOffers } from './incidents/service.js';
import { sweepOverdue } from './incidents/overdue.js';
import { overdueRoutes } from './incidents/overdue-routes.js';
import { kpiRoutes } from './kpi/routes.js';
import { LiveHub } from './live.js';
import { nightcareRoutes, type NightcareOptions } from './routes.js';
import { supervisionRoutes } from './alarms/supervision/routes.js';
import { rosterRoutes } from './roster/routes.js';
import { messageRoutes } from './messages/routes.js';
import { callBackRoutes } from './call-backs/routes.js';
import { sweepSupervision } from './alarms/supervision/sweep.js';

const OFFER_SWEEP_MS = 10_000;
const HANDOVER_SWEEP_MS = 60_000;
/** A "device silent" or intake-silence alarm goes up, or down after the source speaks, within this. */
const SUPERVISION_SWEEP_MS = 30_000;
/** An incident past its deadline without a nurse on site alerts the board within this. */
const OVERDUE_SWEEP_MS = 15_000;

/** Night care in the app: routes, the live-update hub, and the sweeps (lapsed offers, handover reminders, source supervision). */
export function nightcarePlugin(deps: PlatformDeps, options: NightcareOptions): FastifyPluginAsync {
  return async (app) => {
    const hub = new LiveHub(deps.databaseUrl);
    await hub.start();
    const every = (run: () => Promise<unknown>, ms: number) => {
      const timer = setInterval(() => void run().catch((error: unknown) => app.log.error(error)), ms);
      timer.unref();
      return timer;
    };
    const sweeps =
      options.sweeps === false
        ? []
        : [
            every(() => expireOffers(deps), OFFER_SWEEP_MS),
            every(() => sweepHandoverReminders(deps), HANDOVER_SWEEP_MS),
            every(() => sweepSupervision(deps), SUPERVISION_SWEEP_MS),
            every(() => sweepOverdue(deps), OVERDUE_SWEEP_MS),
          ];
    app.addHook('onClose', async () => {
      for (const timer of sweeps) clearInterval(timer);
      await hub.close();
    });
    await app.register(nightcareRoutes(deps, hub, options));
    await app.register(handoverRoutes(deps));
    await app.register(gpReferralRoutes(deps));
    await app.register(kpiRoutes(deps));
    await app.register(alarmKeyRoutes(deps));
    await app.register(identificationIndexRoutes(deps));
    await app.register(supervisionRoutes(deps));
    await app.register(rosterRoutes(deps));
    await app.register(messageRoutes(deps));
    await app.register(callBackRoutes(deps));
    await app.register(overdueRoutes(deps));
  };
}
