import type { BootstrapActor } from './context.js';

/**
 * Mints the platform's bootstrap actor: the demo seed, the first alliance and its first administrator,
 * test fixtures and benchmarks. No request can be one: request contexts are staff or API keys
 * (platform/auth), this file is not re-exported by platform/access, and lint forbids importing it from
 * the app, its modules and its platform (.dependency-cruiser.cjs), so only the seed, tests, benchmarks and scripts hold one.
 */
export const bootstrapActor = (actorName: string): BootstrapActor => ({ actorKind: 'bootstrap', actorName }) as BootstrapActor;
