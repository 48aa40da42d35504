export { respitePlugin } from './plugin.js';
export type { Notify, RespiteOptions, RespiteTemplate } from './deps.js';
export { expandSeries } from './booking/series.js';
export { addLocation, listLocations } from './locations/service.js';
export { generateHistory, setIntakeRoutes } from './demo-history.js';
export type { LocationCreate } from './schemas.js';
export { searchFreeBeds } from './availability/store.js';
export { insertStay } from './booking/store.js';
// Night care's morning handover names where a client's stay can be looked for (issue 12 item 14).
export { respiteAlliancesOf } from './locations/member-alliances.js';
