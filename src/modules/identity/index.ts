export { identityRoutes, type IdentityOptions } from './routes.js';
export { defaultThrottles, type LoginThrottles } from './login/throttle.js';
