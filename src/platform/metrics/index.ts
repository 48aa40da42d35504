// Prometheus metrics: the process's registry, and the /metrics route.
export { metricsRegistry } from './registry.js';
export { metricsRoutes, type MetricsOptions } from './routes.js';
