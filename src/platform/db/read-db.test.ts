import { describe, expect, it } from 'vitest';
import { createDb, createReadDb, type PrimaryDb, type ReadDb, type Trx } from './database.js';

/**
 * Never called: typecheck (`npm run typecheck`) fails when a write on a ReadDb compiles, because each
 * `@ts-expect-error` then has no error to expect.
 */
export function writesOnAReadDbDoNotTypeCheck(read: ReadDb, primary: PrimaryDb, trx: Trx): unknown[] {
  const fromPrimary: ReadDb = primary;
  const fromTransaction: ReadDb = trx;
  /* eslint-disable @typescript-eslint/no-unsafe-call -- these calls exist to fail to type-check */
  return [
    fromPrimary,
    fromTransaction,
    read.selectFrom('client').select(({ fn }) => fn.countAll().as('n')),
    // @ts-expect-error no inserts on a read connection
    read.insertInto('client'),
    // @ts-expect-error no updates
    read.updateTable('client'),
    // @ts-expect-error no deletes
    read.deleteFrom('client'),
    // @ts-expect-error no common table expressions, which may be data-modifying
    read.with('c', (q: PrimaryDb) => q.selectFrom('client').select('id')),
    // @ts-expect-error no transactions
    read.transaction(),
  ];
  /* eslint-enable @typescript-eslint/no-unsafe-call */
}

describe('the read connection', () => {
  it('is the primary when no DATABASE_READ_URL is set, and a pool of its own when one is', async () => {
    const { db } = createDb('postgres://app@127.0.0.1:1/none', 1);
    const same = createReadDb(db, undefined);
    expect(same.readDb).toBe(db);
    await same.close();
    const other = createReadDb(db, 'postgres://app@127.0.0.1:1/replica', { maxConnections: 1 });
    expect(other.readDb).not.toBe(db);
    await other.close();
    await db.destroy();
  });
});
