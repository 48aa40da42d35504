// Web Push to the staff's devices: subscriptions per user and device, VAPID keys, delivery.
export { pushRoutes, type PushRouteOptions } from './routes.js';
export { pushToUsers, type PushMessage } from './service.js';
