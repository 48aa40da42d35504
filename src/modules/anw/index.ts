export { anwPlugin, ANW_PREFIX } from './plugin.js';
export { anwRoutes } from './remote/routes.js';
export type { AnwOptions } from './remote/options.js';
export { followAssignments } from './remote/follow-assignments.js';
