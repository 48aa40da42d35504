import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's metrics: one registry per instance, which is what Prometheus scrapes (each instance
 * counts its own alarms; the sums across instances are Prometheus's job). Counters and histograms
 * are defined by their owners (the DC-09 intake, the database pool, the LISTEN hub) on this registry.
 * Node's own figures (memory, event-loop lag, handles) come too: a soak watches them.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'samenzorg_' });
