export { medcomRoutes } from './routes.js';
export { receiveMessage, type Receipt } from './receive.js';
