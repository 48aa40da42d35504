/**
 * The clients module's light door, for what must run before the rest of the app is loaded: the DC-09
 * receiver links an alarm to its client while the routes, letters and imports behind index.ts are not
 * loaded yet (a restarted server takes alarms within 2 s). What it exports may reach no module's full
 * door (the boundary lint's rule light-door-stays-light); index.ts exports the same functions.
 */
export { linkAlarmAccount, locateClient, type LinkedClient } from './alarm-account.js';
