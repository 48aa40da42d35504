import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseBefore } from '../../../../test/support/database-before.js';
import { SecretBox } from '../../../platform/crypto/index.js';
import { createDb, migrate, type Db } from '../../../platform/db/index.js';
import { take, type RateDeps } from '../../../platform/rate/index.js';
import { CALL_LIMIT } from './service.js';

// A database from before migration 0044 counted calls by a keyed hash on each initiative; the upgrade moves
// the last hour's calls into the platform limiter's windows, so a source cannot start afresh by the upgrade.
const secretBox = new SecretBox(randomBytes(32).toString('hex'));
const keyOf = (address: string) => createHmac('sha256', secretBox.subKey('networkmap-call-source')).update(address).digest('hex');
const now = new Date();
let owner: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createDatabaseBefore('0044');
  drop = database.drop;
  const { client, url } = database;
  // Only the calls matter here, not their alliance, network or municipality: the foreign keys stay out of it.
  await client.query('SET session_replication_role = replica');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const calls: [string | null, Date][] = [
    [keyOf('192.0.2.1'), minutesAgo(50)], [keyOf('192.0.2.1'), minutesAgo(20)], [keyOf('192.0.2.1'), minutesAgo(5)], [keyOf('192.0.2.1'), minutesAgo(70)],
    [keyOf('192.0.2.2'), minutesAgo(90)], [null, minutesAgo(1)], ['generated', minutesAgo(1)],
  ];
  for (const [hash, at] of calls) {
    await client.query(
      `INSERT INTO initiative (alliance_id, network_id, municipality_id, title, stage, status, source, source_hash, created_at)
       VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Call', 'idea', 'unconfirmed', 'public', $1, $2)`,
      [hash, at],
    );
  }
  await client.end();
  await migrate(url);
  owner = createDb(url, 2).db;
});

afterAll(async () => {
  await owner?.destroy();
  await drop?.();
});

describe('upgrading the network map’s call limit to the platform limiter', () => {
  it('carries the last hour’s calls per source over, so the limit holds across the upgrade, and drops the hash from the initiative', async () => {
    const deps: RateDeps = { db: owner, secretBox, now: () => now };
    // Three calls in the last hour (the one of 70 minutes ago has lapsed): two more, then refused until the hour from the first is up.
    expect(await take(deps, CALL_LIMIT, '192.0.2.1')).toEqual({ allowed: true });
    expect(await take(deps, CALL_LIMIT, '192.0.2.1')).toEqual({ allowed: true });
    expect(await take(deps, CALL_LIMIT, '192.0.2.1')).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    // Only lapsed calls: a fresh window.
    expect(await owner.selectFrom('rate_window').select('key_hash').where('key_hash', '=', Buffer.from(keyOf('192.0.2.2'), 'hex')).execute()).toEqual([]);
    expect(await take(deps, CALL_LIMIT, '192.0.2.2')).toEqual({ allowed: true });
    const { rows } = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'initiative'`.execute(owner);
    expect(rows.map((c) => c.column_name)).toContain('confirm_token_hash');
    expect(rows.map((c) => c.column_name)).not.toContain('source_hash');
  });
});
