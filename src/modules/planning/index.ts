export { planningRoutes } from './routes.js';
export { insertionImpact, type InsertionImpact } from './service.js';
export { nurseRounds } from './store.js';
