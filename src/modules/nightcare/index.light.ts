/**
 * Night care's light door, for main.ts alone: the DC-09 receiver without the rest of the module, so a
 * restarted server takes alarms again before the routes, dispatch and the web app are even loaded
 * (index.ts would pull in all of night care first, seconds on a busy machine). What it reaches may
 * reach no module's full door (the boundary lint's rule light-door-stays-light).
 */
export { startAlarmReceiver, type AlarmReceiver } from './alarms/dc09-intake.js';
