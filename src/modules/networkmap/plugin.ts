import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.js';
import { DEFAULT_HSDS_SCHEMA_DIR, type NetworkMapOptions } from './deps.js';
import { hsdsRoutes } from './hsds/routes.js';
import { moderationRoutes } from './moderation/routes.js';
import { publicNetworkMapRoutes } from './public/routes.js';

/** The network map's API routes (under /api): the public call and pages, moderation, the inventory import. */
export function networkMapPlugin(platform: PlatformDeps, options: Partial<NetworkMapOptions> = {}): FastifyPluginAsync {
  return async (app) => {
    const deps = { ...platform, now: options.now ?? (() => new Date()), hsdsSchemaDir: options.hsdsSchemaDir ?? DEFAULT_HSDS_SCHEMA_DIR };
    await app.register(publicNetworkMapRoutes(deps));
    await app.register(moderationRoutes(deps));
  };
}

/** HSDS 3's own paths (`/hsds/services`...) sit beside /api, where directory tools expect them. */
export function networkMapHsdsPlugin(platform: PlatformDeps, options: Partial<NetworkMapOptions> = {}): FastifyPluginAsync {
  return async (app) => {
    await app.register(hsdsRoutes({ ...platform, now: options.now ?? (() => new Date()), hsdsSchemaDir: options.hsdsSchemaDir ?? DEFAULT_HSDS_SCHEMA_DIR }));
  };
}
