import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { ChannelHub } from './channel-hub.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});

const CHANNEL = 'hubtest';

/** Ends this database's LISTEN connection of the test channel, as a database restart or a failover would. */
async function killListener(): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${`listen:${CHANNEL}`}`.execute(t.db);
  return result.rows[0]?.n ?? 0;
}

const notify = (event: object) => sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(t.db);

describe('ChannelHub', () => {
  let hub: ChannelHub<{ key: string; n: number }>;
  beforeAll(async () => {
    hub = new ChannelHub(t.url, CHANNEL, (event) => event.key);
    await hub.start();
  });
  afterAll(() => hub.close());

  it('does not ask for a resync on the first connection', async () => {
    const resyncs: number[] = [];
    const stop = hub.onResync(() => resyncs.push(1));
    const events: number[] = [];
    const unsubscribe = hub.subscribe('a', (event) => events.push(event.n));
    await notify({ key: 'a', n: 1 });
    await expect.poll(() => events).toEqual([1]);
    expect(resyncs).toEqual([]);
    unsubscribe();
    stop();
  });

  it('tells every listener to resync once the LISTEN connection is back after its backend was killed, and delivers again', async () => {
    let resyncs = 0;
    const stops = [hub.onResync(() => resyncs++), hub.onResync(() => resyncs++)];
    const events: number[] = [];
    const unsubscribe = hub.subscribe('b', (event) => events.push(event.n));
    expect(await killListener()).toBe(1);
    await expect.poll(() => resyncs, { timeout: 10_000 }).toBe(2);
    await notify({ key: 'b', n: 2 });
    await expect.poll(() => events).toEqual([2]);
    unsubscribe();
    for (const stop of stops) stop();
  });

  it('stops telling a listener that unsubscribed', async () => {
    let told = 0;
    let other = 0;
    const stop = hub.onResync(() => told++);
    const stopOther = hub.onResync(() => other++);
    stop();
    expect(await killListener()).toBe(1);
    await expect.poll(() => other, { timeout: 10_000 }).toBe(1);
    expect(told).toBe(0);
    stopOther();
  });

  it('sends one more ping for all the callers that come while one is out, not one each', async () => {
    await expect.poll(() => hub.isListening(), { timeout: 10_000 }).toBe(true);
    const client = (hub as unknown as { client: { query: (text: string) => Promise<unknown> } }).client;
    const original = client.query;
    let sent = 0;
    client.query = function (this: unknown, text: string) {
      sent++;
      return original.call(this, text);
    };
    try {
      const first = hub.ping();
      await expect.poll(() => sent).toBe(1);
      const later = [hub.ping(), hub.ping(), hub.ping()];
      expect(await Promise.all([first, ...later])).toEqual([true, true, true, true]);
      expect(sent).toBe(2);
    } finally {
      client.query = original;
    }
  });

  it('keeps sharing the ping queued for a new connection when the one queued for the replaced connection goes out', async () => {
    const lone = new ChannelHub<{ key: string }>(t.url, 'unstarted', (event) => event.key);
    const held: (() => void)[] = [];
    let hold = true;
    const connection = () => {
      const c = {
        sent: 0,
        query: () => {
          c.sent++;
          return hold ? new Promise<void>((answer) => held.push(answer)) : Promise.resolve();
        },
      };
      return c;
    };
    const listenOn = (c: object) => ((lone as unknown as { client: object }).client = c);
    const old = connection();
    const replacement = connection();
    listenOn(old);
    const onWire = lone.ping();
    await expect.poll(() => old.sent).toBe(1);
    const forOld = lone.ping();
    listenOn(replacement);
    const forNew = lone.ping();
    held.shift()!();
    // The ping for the old connection is on the wire now; the one for the replacement is still queued.
    await expect.poll(() => old.sent).toBe(2);
    const sharing = lone.ping();
    hold = false;
    held.shift()!();
    expect(await Promise.all([onWire, forOld, forNew, sharing])).toEqual([false, false, true, true]);
    expect(replacement.sent).toBe(1);
  });
});
