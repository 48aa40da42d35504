import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { SessionCache } from './session-cache.js';
import type { SessionContext } from './sessions.js';

let t: TestApp;
const caches: SessionCache[] = [];

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await Promise.all(caches.map((c) => c.close()));
});

/** A cache that keeps for a minute, so only a notification, a dropped connection or the session's expiry can make it forget. */
async function startCache(): Promise<SessionCache> {
  const cache = new SessionCache(t.deps.databaseUrl, 60_000);
  await cache.start();
  caches.push(cache);
  return cache;
}

const context = (expiresInMs = 3600_000): SessionContext => ({
  session: { tokenHash: 'h', userId: 'u', organisationId: 'o', allianceId: null, secondFactorDone: true },
  ctx: { actorKind: 'user', actorId: 'u', actorName: 'Test', organisationId: 'o', roles: ['nurse'], allianceIds: [], allianceId: 'a' },
  expiresAt: new Date(Date.now() + expiresInMs),
});

/** The cache around a load that counts its calls. */
function counted(cache: SessionCache, make: () => Promise<SessionContext> = () => Promise.resolve(context())) {
  const calls = { loads: 0 };
  const lookup = cache.around(async () => {
    calls.loads++;
    return make();
  });
  return { calls, lookup };
}

const notify = () => sql`SELECT pg_notify('session_change', '{}')`.execute(t.db);

describe('the session cache', () => {
  it('keeps a context while listening and drops it when any instance changes sessions or roles', async () => {
    const { calls, lookup } = counted(await startCache());
    await lookup('token');
    await lookup('token');
    expect(calls.loads).toBe(1);
    await notify();
    await expect.poll(async () => (await lookup('token'), calls.loads)).toBe(2);
    await lookup('token');
    expect(calls.loads).toBe(2);
  });

  it('uses and keeps nothing while its LISTEN connection is down, and keeps again once it is back', async () => {
    const { calls, lookup } = counted(await startCache());
    await lookup('token');
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listen:session_change' AND datname = current_database()`.execute(t.db);
    // The connection comes back after a second's pause; until then every lookup goes to the database.
    await expect.poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'listen:session_change' AND datname = current_database()`.execute(t.db)).rows[0]?.n).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = calls.loads;
    await lookup('token');
    await lookup('token');
    await lookup('token');
    expect(calls.loads).toBe(before + 3);
    // Back: of two lookups, only the first loads. Each try asks for a session of its own, so one that
    // came while the connection was still on its way back cannot leave a kept context to the next.
    let tries = 0;
    const loadsOfTwo = async () => {
      const start = calls.loads;
      const token = `token-${++tries}`;
      await lookup(token);
      await lookup(token);
      return calls.loads - start;
    };
    await expect.poll(loadsOfTwo, { timeout: 10_000 }).toBe(1);
  });

  it('does not keep a context read while a change was notified', async () => {
    const cache = await startCache();
    // The load is overtaken by a change: what it read may be from before it.
    const { calls, lookup } = counted(cache, async () => {
      const read = context();
      await cache.afterChange(notify);
      return read;
    });
    await lookup('token');
    await lookup('token');
    expect(calls.loads).toBe(2);
  });

  it("keeps a context no longer than its session's expiry", async () => {
    const { calls, lookup } = counted(await startCache(), () => Promise.resolve(context(100)));
    await lookup('token');
    await lookup('token');
    expect(calls.loads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await lookup('token');
    expect(calls.loads).toBe(2);
  });

  it('keeps nothing when its maximum age is 0', async () => {
    const cache = new SessionCache(t.deps.databaseUrl, 0);
    await cache.start();
    caches.push(cache);
    const { calls, lookup } = counted(cache);
    await lookup('token');
    await lookup('token');
    expect(calls.loads).toBe(2);
  });
});
