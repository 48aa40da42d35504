import { createHash } from 'node:crypto';
import type { PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { sqlStateOf } from './sql-state.js';

/**
 * Statement texts that get a name. Each named text is parsed and planned once per connection and then
 * only bound and executed; a text beyond the cap runs unnamed, as all did before. The cap bounds what
 * every connection keeps (PostgreSQL holds a prepared statement until its connection closes): the app
 * has a few hundred distinct statements, and IN lists of varying length add a few variants each.
 */
const MAX_NAMED_TEXTS = 500;
/** Bulk statements (multi-row inserts) vary with their row count and parse in a fraction of their own run. */
const MAX_NAMED_PARAMETERS = 200;

const names = new Map<string, string>();
let generation = 0;

/**
 * Named statements become invalid when a migration changes what a `SELECT *` returns ("cached plan must
 * not change result type"): after migrating, and on that error, texts get new names and are prepared
 * again. The old ones stay unused until their connections close.
 */
export function forgetPreparedStatements(): void {
  names.clear();
  generation += 1;
}

function nameOf(text: string, parameterCount: number): string | undefined {
  if (parameterCount === 0 || parameterCount > MAX_NAMED_PARAMETERS) return undefined;
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED_TEXTS) return known;
  const name = `sz${generation}_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

const planChanged = (error: unknown) => sqlStateOf(error) === '0A000' && String((error as Error).message).includes('cached plan');

const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

/**
 * The pool's connection as Kysely uses it, with each parameterised statement sent as a named one; one
 * wrapper per connection, as Kysely keeps its own state per connection object.
 * bench:load measured why: parsing and planning every statement again was most of PostgreSQL's CPU,
 * the resource that ran out first near 500 requests/s on two cores (bench/results/load.md).
 */
export function withPreparedStatements(client: pg.PoolClient): PostgresPoolClient {
  const known = wrappers.get(client);
  if (known) return known;
  const wrapper: PostgresPoolClient = {
    query: (async (text: string, parameters: ReadonlyArray<unknown>) => {
      const values = [...parameters];
      const name = nameOf(text, values.length);
      try {
        return (await client.query(name === undefined ? { text, values } : { name, text, values })) as unknown as PostgresQueryResult<unknown>;
      } catch (error) {
        if (name !== undefined && planChanged(error)) forgetPreparedStatements();
        throw error;
      }
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  };
  wrappers.set(client, wrapper);
  return wrapper;
}
