import { performance } from 'node:perf_hooks';
import type { PostgresPool } from 'kysely';
import type pg from 'pg';
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics/index.js';
import { withPreparedStatements } from './prepared-statements.js';

const pools = new Set<pg.Pool>();

const waits = new Counter({
  name: 'samenzorg_db_pool_waits_total',
  help: 'Connection requests that found every pooled connection busy and had to queue',
  registers: [metricsRegistry],
});
const waitSeconds = new Histogram({
  name: 'samenzorg_db_pool_wait_seconds',
  help: 'How long a queued connection request waited for a free connection',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
new Gauge({
  name: 'samenzorg_db_pool_waiting',
  help: 'Connection requests queued right now, over the pools of this process',
  registers: [metricsRegistry],
  collect() {
    for (const pool of pools) if (pool.ended) pools.delete(pool);
    this.set([...pools].reduce((sum, pool) => sum + pool.waitingCount, 0));
  },
});

/**
 * The pool as Kysely sees it, counting the waits: a request that finds all `max` connections in use
 * queues in pg-pool, and that queue is the first sign a database is too slow for the load.
 */
export function measuredPool(pool: pg.Pool, max: number, prepare: boolean): PostgresPool {
  pools.add(pool);
  return {
    connect: async () => {
      const queued = pool.idleCount === 0 && pool.totalCount >= max;
      const started = performance.now();
      try {
        const client = await pool.connect();
        return prepare ? withPreparedStatements(client) : client;
      } finally {
        if (queued) {
          waits.inc();
          waitSeconds.observe((performance.now() - started) / 1000);
        }
      }
    },
    end: () => pool.end(),
  };
}
