import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/support/app.js';
import { SecretBox } from '../crypto/index.js';
import { createDb } from '../db/index.js';
import { take, type RateDeps, type RateRule } from './index.js';

const t = await startTestApp();
const HOUR = 3_600_000;

/** A fresh purpose per test, so tests never share counts; the clock is the test's. */
function limiter(limit: number, clock = { now: new Date('2031-05-01T10:00:00Z') }) {
  const rule: RateRule = { purpose: `test-${randomUUID()}`, windowMs: HOUR, limit };
  const deps: RateDeps = { db: t.deps.db, secretBox: t.deps.secretBox, now: () => clock.now };
  const rows = () => t.db.selectFrom('rate_window').selectAll().where('purpose', '=', rule.purpose).orderBy('expires_at').execute();
  return { rule, deps, clock, rows, take: (source: string) => take(deps, rule, source) };
}

describe('the platform limiter', () => {
  it('lets exactly the limit through when 20 takes on one source race', async () => {
    const l = limiter(5);
    const results = await Promise.all(Array.from({ length: 20 }, () => l.take('192.0.2.1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed)).toHaveLength(15);
    expect((await l.rows()).map((r) => r.taken)).toEqual([6]);
  });

  it('counts one window across two instances on one database', async () => {
    const l = limiter(1);
    const other = createDb(t.deps.databaseUrl, 5).db;
    try {
      const onB: RateDeps = { ...l.deps, db: other };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? take(onB, l.rule, '192.0.2.2') : l.take('192.0.2.2'))));
      expect(results.filter((r) => r.allowed)).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });

  it('refuses past the limit with the time left in the window, and counts afresh once the window lapses', async () => {
    const l = limiter(2);
    const start = l.clock.now;
    expect(await l.take('192.0.2.3')).toEqual({ allowed: true });
    l.clock.now = new Date(start.getTime() + 10 * 60_000);
    expect(await l.take('192.0.2.3')).toEqual({ allowed: true });
    l.clock.now = new Date(start.getTime() + 20 * 60_000 + 500);
    // The window opened at the first take: 40 minutes (less half a second, rounded up) remain.
    expect(await l.take('192.0.2.3')).toEqual({ allowed: false, retryAfterSeconds: 40 * 60 });
    l.clock.now = new Date(start.getTime() + HOUR - 1);
    expect(await l.take('192.0.2.3')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    l.clock.now = new Date(start.getTime() + HOUR);
    expect(await l.take('192.0.2.3')).toEqual({ allowed: true });
    expect(await l.rows()).toEqual([expect.objectContaining({ taken: 1, expires_at: new Date(start.getTime() + 2 * HOUR) })]);
  });

  it('counts each source and each purpose apart, and stores only a keyed hash of the source', async () => {
    const l = limiter(1);
    const other = { ...l, rule: { ...l.rule, purpose: `test-${randomUUID()}` } };
    expect(await l.take('192.0.2.4')).toEqual({ allowed: true });
    expect(await l.take('192.0.2.5')).toEqual({ allowed: true });
    expect(await take(other.deps, other.rule, '192.0.2.4')).toEqual({ allowed: true });
    expect((await l.take('192.0.2.4')).allowed).toBe(false);
    const [mine] = await t.db.selectFrom('rate_window').selectAll().where('purpose', 'in', [l.rule.purpose, other.rule.purpose]).where('taken', '=', 2).execute();
    const theirs = await t.db.selectFrom('rate_window').select('key_hash').where('purpose', '=', other.rule.purpose).executeTakeFirstOrThrow();
    expect(mine?.key_hash).toHaveLength(32);
    expect(mine?.key_hash.toString('latin1')).not.toContain('192.0.2.4');
    expect(mine?.key_hash.equals(createHash('sha256').update('192.0.2.4').digest())).toBe(false);
    // The same address under another purpose, or under another server secret, hashes to something else.
    expect(mine?.key_hash.equals(theirs.key_hash)).toBe(false);
    const elsewhere = { ...l.deps, secretBox: new SecretBox(randomBytes(32).toString('hex')) };
    expect(await take(elsewhere, l.rule, '192.0.2.4')).toEqual({ allowed: true });
    expect(await l.rows()).toHaveLength(3);
  });

  it('removes lapsed windows of its purpose when a new window opens, keeping live ones', async () => {
    const l = limiter(1);
    const start = l.clock.now;
    for (const source of ['a', 'b', 'c']) await l.take(source);
    l.clock.now = new Date(start.getTime() + 30 * 60_000);
    await l.take('d');
    expect(await l.rows()).toHaveLength(4);
    // a, b and c lapse at the hour; the window e opens then sweeps them, d is still open.
    l.clock.now = new Date(start.getTime() + HOUR + 60_000);
    await l.take('e');
    expect((await l.rows()).map((r) => r.expires_at)).toEqual([new Date(start.getTime() + 90 * 60_000), new Date(start.getTime() + 2 * HOUR + 60_000)]);
    // Another purpose's lapsed window is its own to sweep.
    const otherPurpose = limiter(1, { now: start });
    await otherPurpose.take('a');
    l.clock.now = new Date(start.getTime() + 3 * HOUR);
    await l.take('f');
    expect(await l.rows()).toHaveLength(1);
    expect(await otherPurpose.rows()).toHaveLength(1);
  });
});
