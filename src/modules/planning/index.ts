export { planningRoutes } from './routes.js';
export type { PlanningOptions } from './service.js';
export { insertionImpact, type InsertionImpact } from './service.js';
export { nurseRounds } from './store.js';
export { readPlannedVisit, type PlannedVisitView } from './visit-read.js';
export { clientVisitIds } from './store.js';
