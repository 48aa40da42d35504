export { networkMapHsdsPlugin, networkMapPlugin } from './plugin.js';
export type { NetworkMapOptions } from './deps.js';
export { addNetworkRegion, addInitiativeDirectly } from './seeding.js';
