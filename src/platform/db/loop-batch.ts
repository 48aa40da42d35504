import DataLoader from 'dataloader';

/**
 * Batches the calls made by all requests in one turn of the event loop into one statement.
 *
 * On this kind of machine a round trip to PostgreSQL costs far more in socket system calls than the
 * statement itself, so under load the hot read path (session, access facts, audit entry, client row)
 * sends one statement for all requests in flight instead of one each. Scheduling on setImmediate
 * collects every call made by the I/O callbacks of the same poll phase; a quiet server still answers
 * in the same turn. Nothing is cached: each call sees the database as it is when its batch runs.
 */
export function loopBatch<K, V>(load: (keys: readonly K[]) => Promise<V[]>, maxBatchSize = 256): (key: K) => Promise<V> {
  const loader = new DataLoader<K, V>(load, { cache: false, maxBatchSize, batchScheduleFn: (run) => setImmediate(run) });
  return (key) => loader.load(key);
}
