import { Kysely, PostgresDialect, type FunctionModule, type QueryCreator, type Transaction } from 'kysely';
import pg from 'pg';
import { measuredPool } from './pool-metrics.js';
import type { Database } from './schema.js';

// Return int8 (bigint counts, audit ids) as numbers and dates as plain strings: a calendar date has no zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** The primary's pool: writes, transactions, LISTEN, and every read that must see a write just made. */
export type PrimaryDb = Kysely<Database>;
/** The short name most modules use for the primary. */
export type Db = PrimaryDb;
/** A transaction on the primary: what must commit (or roll back) together. */
export type Trx = Transaction<Database>;
/** The primary's pool or a transaction on it: what reads and writes run on. */
export type Executor = PrimaryDb | Trx;

/**
 * Reads that may go to a replica (`DATABASE_READ_URL`): what they return can lag the primary by the
 * replication delay, so only paths that tolerate that use it (see the README). Selects only: no
 * insertInto, updateTable, deleteFrom, transaction or raw `sql` (that needs an executor), and no `with`
 * (its expressions may be data-modifying), so a write on a read connection fails to type-check. The
 * primary's pool and its transactions are ReadDbs too, so one store function serves both.
 */
export interface ReadDb {
  selectFrom: QueryCreator<Database>['selectFrom'];
  readonly fn: FunctionModule<Database, keyof Database>;
}

/** `prepare`: statements go out named, parsed and planned once per connection (prepared-statements.ts); off for a pooler that cannot keep them. */
export function createDb(databaseUrl: string, maxConnections = 20, options: { prepare?: boolean } = {}): { db: Db; pool: pg.Pool } {
  // A request waits at most 10 s for a free connection, then gets a 503 instead of hanging.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // A connection dropped by the server (restart, failover, network) is replaced on next use. pg-pool
  // listens for errors on idle connections only; one that breaks while checked out (a reset between two
  // statements of a transaction) would emit 'error' with nobody listening and crash the whole server. Its
  // query fails anyway and the pool drops it on release, so each connection gets a listener that logs.
  pool.on('connect', (client) => client.on('error', (error) => console.error(`database connection lost: ${error.message}`)));
  // Idle ones are logged by the listener above; the pool's own event needs a listener not to throw.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: measuredPool(pool, maxConnections, options.prepare ?? true) }) });
  return { db, pool };
}

/**
 * The pool for DATABASE_READ_URL: a replica's, or the primary's own when none is set. Its type allows
 * selects only; destroy it beside the primary's (unless it is the primary's).
 */
export function createReadDb(primary: PrimaryDb, readUrl: string | undefined, options: { maxConnections?: number; prepare?: boolean } = {}): { readDb: ReadDb; close: () => Promise<void> } {
  if (!readUrl) return { readDb: primary, close: () => Promise.resolve() };
  const { db } = createDb(readUrl, options.maxConnections ?? 20, options);
  return { readDb: db, close: () => db.destroy() };
}
