// Liveness and readiness for load balancers and monitoring.
export { databaseCheck, readiness, type Readiness, type ReadinessCheck } from './readiness.js';
export { healthRoutes } from './routes.js';
