import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createDb, type Db } from './database.js';
import { forgetPreparedStatements } from './prepared-statements.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** One connection, so that the session's pg_prepared_statements is the one the statements ran on. */
async function withOneConnection<T>(prepare: boolean, run: (db: Db) => Promise<T>): Promise<T> {
  const { db } = createDb(database.url, 1, { prepare });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

const preparedOn = async (db: Db) =>
  (await sql<{ statement: string; executions: number }>`SELECT statement, (generic_plans + custom_plans)::int AS executions FROM pg_prepared_statements`.execute(db)).rows;

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection and executes it again by name', async () => {
    const prepared = await withOneConnection(true, async (db) => {
      for (const n of [1, 2, 3]) expect((await sql<{ n: number }>`SELECT ${n}::int + 1 AS n`.execute(db)).rows[0]?.n).toBe(n + 1);
      return preparedOn(db);
    });
    expect(prepared).toEqual([{ statement: 'SELECT $1::int + 1 AS n', executions: 3 }]);
  });

  it('leaves statements without parameters, bulk statements, and every statement when switched off, unnamed', async () => {
    await withOneConnection(true, async (db) => {
      await sql`SELECT 1 AS one`.execute(db);
      const bulk = Array.from({ length: 201 }, (_, i) => sql`${i}::int`);
      await sql`SELECT array[${sql.join(bulk)}] AS many`.execute(db);
      expect(await preparedOn(db)).toEqual([]);
    });
    await withOneConnection(false, async (db) => {
      await sql`SELECT ${1}::int AS one`.execute(db);
      expect(await preparedOn(db)).toEqual([]);
    });
  });

  it('recovers when a schema change alters what a prepared SELECT * returns', async () => {
    await withOneConnection(true, async (db) => {
      await sql`CREATE TABLE prepared_probe (id int PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO prepared_probe VALUES (1)`.execute(db);
      const probe = () => sql<Record<string, unknown>>`SELECT * FROM prepared_probe WHERE id = ${1}`.execute(db);
      expect((await probe()).rows).toEqual([{ id: 1 }]);
      await sql`ALTER TABLE prepared_probe ADD COLUMN note text DEFAULT 'x'`.execute(db);
      // PostgreSQL refuses the stale plan once; the statement then goes out under a new name.
      await expect(probe()).rejects.toMatchObject({ code: '0A000' });
      expect((await probe()).rows).toEqual([{ id: 1, note: 'x' }]);
      // After a migration the server forgets the names itself, so not even one statement fails.
      await sql`ALTER TABLE prepared_probe ADD COLUMN later int DEFAULT 2`.execute(db);
      forgetPreparedStatements();
      expect((await probe()).rows).toEqual([{ id: 1, note: 'x', later: 2 }]);
    });
  });
});
