export { planningRoutes } from './routes.js';
export { insertionImpact, type InsertionImpact } from './service.js';
