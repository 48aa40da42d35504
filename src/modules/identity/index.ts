export { identityRoutes } from './routes.js';
export { LOCK_AFTER_FAILURES } from './service.js';
