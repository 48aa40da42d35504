import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** Months of partitions kept ready ahead of today, so a write never lacks its month. */
export const PARTITION_MONTHS_AHEAD = 3;

/**
 * Makes the audit log's monthly partitions up to `monthsAhead` months from now (migration 0033's
 * function, which runs with the owner's rights and takes a lock, so every instance may call it).
 * Returns how many it made.
 */
export async function ensureAuditPartitions(db: Db, monthsAhead = PARTITION_MONTHS_AHEAD): Promise<number> {
  const { rows } = await sql<{ made: number }>`SELECT audit_ensure_partitions(${monthsAhead}::int) AS made`.execute(db);
  return rows[0]?.made ?? 0;
}

/**
 * Runs at start and then every few hours on every instance. There is no default partition on purpose:
 * an entry that finds no month fails its write, and the access it records is refused with it.
 */
export function startAuditPartitioning(db: Db, onError: (error: unknown) => void, intervalMs = 6 * 3600_000): () => Promise<void> {
  let running: Promise<unknown> = ensureAuditPartitions(db).catch(onError);
  const timer = setInterval(() => {
    running = running.then(() => ensureAuditPartitions(db)).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
