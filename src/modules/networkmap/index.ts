export { networkMapHsdsPlugin, networkMapPlugin } from './plugin.js';
export type { NetworkMapOptions } from './deps.js';
export { addNetworkRegion, addInitiativeDirectly, addNeedDirectly, addResourceDirectly, addScanDirectly, linkMunicipalityOrganisation } from './seeding.js';
export { rebuildMapCounts } from './search/map-counts.js';
export { mapPoints } from './search/map-points.js';
export { searchInitiatives, type SearchFilters } from './search/store.js';
export { sweepVerificationReminders } from './verification/sweep.js';
