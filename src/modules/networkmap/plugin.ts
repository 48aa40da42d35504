import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { DEFAULT_HSDS_SCHEMA_DIR, type NetworkMapOptions } from './deps.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { demandRoutes } from './demand/routes.js';
import { hsdsRoutes } from './hsds/routes.js';
import { moderationRoutes } from './moderation/routes.js';
import { publicNetworkMapRoutes } from './public/routes.js';
import { quickScanRoutes } from './quickscan/routes.js';
import { resourceRoutes } from './resources/routes.js';
import { verificationRoutes } from './verification/routes.js';
import { sweepVerificationReminders } from './verification/sweep.js';

/** How often each instance looks for initiatives to remind; claiming is SKIP LOCKED, so any number may run. */
const VERIFY_SWEEP_MS = 60 * 60_000;

/**
 * The network map's API routes (under /api): the public call and pages, moderation, the inventory import,
 * the quick-scan, the demand side, resources, re-verification and the dashboard; and the reminder sweep.
 */
export function networkMapPlugin(platform: PlatformDeps, options: Partial<NetworkMapOptions> = {}): FastifyPluginAsync {
  return async (app) => {
    const deps = { ...platform, now: options.now ?? (() => new Date()), hsdsSchemaDir: options.hsdsSchemaDir ?? DEFAULT_HSDS_SCHEMA_DIR, verifySweep: options.verifySweep ?? true };
    await app.register(publicNetworkMapRoutes(deps));
    await app.register(moderationRoutes(deps));
    await app.register(quickScanRoutes(deps));
    await app.register(demandRoutes(deps));
    await app.register(resourceRoutes(deps));
    await app.register(verificationRoutes(deps));
    await app.register(dashboardRoutes(deps));
    if (!deps.verifySweep) return;
    const timer = setInterval(() => {
      sweepVerificationReminders(deps, deps.now()).catch((error: unknown) => app.log.error(error));
    }, VERIFY_SWEEP_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  };
}

/** HSDS 3's own paths (`/hsds/services`...) sit beside /api, where directory tools expect them. */
export function networkMapHsdsPlugin(platform: PlatformDeps, options: Partial<NetworkMapOptions> = {}): FastifyPluginAsync {
  return async (app) => {
    await app.register(hsdsRoutes({ ...platform, now: options.now ?? (() => new Date()), hsdsSchemaDir: options.hsdsSchemaDir ?? DEFAULT_HSDS_SCHEMA_DIR, verifySweep: false }));
  };
}
