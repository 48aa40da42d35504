import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Return int8 (bigint counts, audit ids) as numbers and dates as plain strings: a calendar date has no zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;
/** A pool, one connection or a transaction: what reads and writes run on. */
export type Executor = Kysely<Database>;

export function createDb(databaseUrl: string, maxConnections = 20): { db: Db; pool: pg.Pool } {
  // A request waits at most 10 s for a free connection, then gets a 503 instead of hanging.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (restart, failover) is replaced on next use; without a
  // listener the error would crash the process.
  pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
