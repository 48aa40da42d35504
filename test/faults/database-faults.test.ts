import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dc09Sender, type Delivery } from '../../bench/dc09-sender.js';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { dc09DedupKey, encodeFrame, startAlarmReceiver, type AlarmReceiver } from '../../src/modules/nightcare/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import type { PlatformDeps } from '../../src/platform/deps.js';
import { login, startTestApp, type TestApp } from '../support/app.js';
import { openBoardStream } from '../support/board-stream.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { addUser, createWorld, SETUP } from '../support/world.js';

// The app reaches PostgreSQL only through a TCP proxy that the test breaks: connections reset, the
// database refusing, traffic held (a stalled network), latency. Whatever happens, an alarm is ACKed
// (DC-09) or answered 202 (webhook) only once it is committed; the rest is silence, NAK or 503.

let t: TestApp;
let proxy: TcpProxy;
let deps: PlatformDeps;
let app: FastifyInstance;
let receiver: AlarmReceiver;
let allianceId: string;
let alarmKey: string;
let partnerOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  allianceId = world.allianceId;
  partnerOrg = world.partnerOrg;
  const centre = await createOrganisation(t.db, SETUP, { allianceId, name: 'Fault centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(t.db, centre, 'receiver')).key;
  const direct = new URL(t.deps.databaseUrl);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
  const url = throughProxy(t.deps.databaseUrl, proxy);
  // A short wait for a connection, so a refused database shows within the test's time.
  const { db } = createDb(url, 10);
  deps = { ...t.deps, db, readDb: db, databaseUrl: url };
  app = await buildApp({ ...deps, logLevel: process.env.TEST_LOG ?? 'silent' });
  receiver = await startAlarmReceiver(deps, { allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 100, dispatch: false });
});

afterAll(async () => {
  proxy.set({ kind: 'pass' });
  await receiver?.close();
  await app?.close();
  await deps?.db.destroy();
  await proxy?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function storedCounts(db: Db, source: 'dc09' | 'webhook', prefix: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('alarm').select('dedup_key').where('alliance_id', '=', allianceId).where('source', '=', source).where('dedup_key', 'like', `${prefix}%`).execute();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.dedup_key, (counts.get(row.dedup_key) ?? 0) + 1);
  return counts;
}

describe('database faults under a DC-09 stream', () => {
  it('ACKs only committed alarms through resets, refusal, a stalled network and latency, and takes every alarm once it recovers', { timeout: 60_000 }, async () => {
    const sender = new Dc09Sender({ host: '127.0.0.1', port: receiver.port, connections: 6, ackTimeoutMs: 1500, retryDelayMs: 150 });
    const prefix = randomBytes(2).toString('hex').toUpperCase();
    const keys: string[] = [];
    /** Every ACK, with what the database held at that moment checked right after. */
    const ackedKeys: string[] = [];
    const deliveries: Promise<Delivery>[] = [];
    const send = (i: number) => {
      const account = `${prefix}${i.toString(16).toUpperCase().padStart(4, '0')}`;
      const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
      const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account, data: `#${account}|1101 01 001`, timestamp });
      const key = dc09DedupKey({ account, sequence: '0001', timestamp }, timestamp);
      keys.push(key);
      const delivery = sender.send({ frame, account, sequence: '0001' });
      void delivery.then(() => ackedKeys.push(key));
      deliveries.push(delivery);
    };
    let i = 0;
    const stream = async (ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; await pause(40)) send(i++);
    };
    /** An ACK for an alarm the database does not hold is the one thing that must never happen. */
    const ackedButMissing = async () => {
      const acked = [...ackedKeys];
      const counts = await storedCounts(t.db, 'dc09', prefix);
      return acked.filter((k) => counts.get(k) !== 1);
    };

    await stream(500);
    proxy.resetAll(); // every connection cut mid-stream, LISTEN's too
    await stream(500);
    proxy.set({ kind: 'refuse' }); // the database is down
    proxy.resetAll();
    const ackedBeforeOutage = ackedKeys.length;
    const sentBeforeOutage = i;
    await stream(1500);
    // Nothing sent during the outage was ACKed while it lasted.
    const ackedDuringOutage = ackedKeys.slice(ackedBeforeOutage).filter((k) => keys.indexOf(k) >= sentBeforeOutage);
    expect(ackedDuringOutage).toEqual([]);
    expect(await ackedButMissing()).toEqual([]);
    proxy.set({ kind: 'pass' });
    await stream(500);
    proxy.set({ kind: 'hold' }); // a stalled network: queries hang
    await stream(800);
    expect(await ackedButMissing()).toEqual([]);
    proxy.resetAll(); // ... until the connections are found dead
    proxy.set({ kind: 'delay', ms: 150 });
    await stream(800);
    proxy.set({ kind: 'pass' });
    await stream(300);

    const results = await Promise.all(deliveries);
    sender.close();
    expect(results.every((r) => r.kind === 'ack')).toBe(true);
    expect(sender.retries).toBeGreaterThan(0);
    expect(await ackedButMissing()).toEqual([]);
    const counts = await storedCounts(t.db, 'dc09', prefix);
    expect(keys.filter((k) => counts.get(k) !== 1)).toEqual([]);
  });
});

describe('database faults at the webhook', () => {
  const post = (key: string) =>
    app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': key }, payload: { account: 'FA17', reason: 'fall' } });

  it('answers 503 with Retry-After and stores nothing while the database is down, then stores a retry once it is back', async () => {
    const key = `fault-${randomBytes(4).toString('hex')}`;
    proxy.set({ kind: 'refuse' });
    proxy.resetAll();
    const refused = await post(key);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    expect(await storedCounts(t.db, 'webhook', '')).not.toContain(key);
    proxy.set({ kind: 'pass' });
    // A pooled connection cut during the outage may fail the first retry; the sender retries as told.
    let accepted = await post(key);
    for (let attempt = 0; attempt < 5 && accepted.statusCode === 503; attempt++) {
      expect(accepted.headers['retry-after']).toBe('5');
      await pause(200);
      accepted = await post(key);
    }
    expect(accepted.statusCode).toBe(202);
    expect((await post(key)).json()).toMatchObject({ duplicate: true });
    const rows = await t.db.selectFrom('alarm').select('id').where('source', '=', 'webhook').where('dedup_key', 'like', `%:${key}`).execute();
    expect(rows).toHaveLength(1);
  });

  it('answers 503 when the connection is cut under the request, never 202', async () => {
    const key = `cut-${randomBytes(4).toString('hex')}`;
    proxy.set({ kind: 'hold' });
    const pending = post(key);
    await pause(200);
    proxy.resetAll();
    proxy.set({ kind: 'pass' });
    const response = await pending;
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});

describe('live updates after the database connection drops', () => {
  it('re-opens LISTEN through the proxy once the database is back and tells an open board to resync', { timeout: 30_000 }, async () => {
    const user = await addUser(t.db, t.deps.secretBox, partnerOrg, ['coordinator'], 'faultcoord');
    await addTeamMember(t.db, { allianceId, teamName: 'Night team', userId: user.id, organisationId: user.organisationId });
    const session = await login(app, user);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const board = await openBoardStream(address, session.cookie);
    try {
      const reconnects = (text: string) => Number(/^samenzorg_listen_reconnects_total\{channel="nightcare"\} (\d+)/m.exec(text)?.[1] ?? 0);
      const before = reconnects((await app.inject({ method: 'GET', url: '/metrics' })).body);
      proxy.set({ kind: 'refuse' });
      proxy.resetAll();
      await pause(1500);
      expect(board.text()).not.toContain('event: resync');
      proxy.set({ kind: 'pass' });
      await expect.poll(async () => reconnects((await app.inject({ method: 'GET', url: '/metrics' })).body), { timeout: 15_000 }).toBeGreaterThan(before);
      await expect.poll(board.text).toContain('event: resync');
    } finally {
      board.close();
    }
  });
});
