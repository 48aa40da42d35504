import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dc09Sender } from '../../bench/dc09-sender.js';
import { buildApp } from '../../src/app.js';
import { encodeFrame, expireOffers, startAlarmReceiver, type AlarmReceiver } from '../../src/modules/nightcare/index.js';
import { createDb } from '../../src/platform/db/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createWorld } from '../support/world.js';

let t: TestApp;
let receiver: AlarmReceiver;
let sender: Dc09Sender;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false }); // the test drives the sweeps itself
  const world = await createWorld(t.db);
  receiver = await startAlarmReceiver(t.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 100, dispatch: false });
  sender = new Dc09Sender({ host: '127.0.0.1', port: receiver.port, connections: 1, ackTimeoutMs: 2000 });
});

afterAll(async () => {
  sender.close();
  await receiver.close();
  for (const app of apps) await app.close();
});

/** One sample's value from the text format; 0 when the series does not exist (yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(app: FastifyInstance = t.app): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.body;
}

let sequence = 0;
async function sendAlarm(account: string, event: string): Promise<void> {
  const seq = String(++sequence).padStart(4, '0');
  const frame = encodeFrame({ token: 'ADM-CID', sequence: seq, line: '0', account, data: `#${account}|${event} 01 001`, timestamp: new Date() });
  expect((await sender.send({ frame, account, sequence: seq })).kind).toBe('ack');
}

describe('GET /metrics', () => {
  it('counts a real DC-09 alarm as received, unidentified and ACK-timed, and a low battery as technical', async () => {
    const before = await scrape();
    await sendAlarm('7A01', '1101');
    await sendAlarm('7A02', '1302');
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('samenzorg_alarms_received_total{channel="dc09"}')).toBe(2);
    expect(delta('samenzorg_alarms_unidentified_total{channel="dc09"}')).toBe(1);
    expect(delta('samenzorg_alarms_technical_total{channel="dc09"}')).toBe(1);
    expect(delta('samenzorg_alarm_ack_seconds_count{channel="dc09"}')).toBe(2);
    // The ACK came well within the largest finite bucket.
    expect(delta('samenzorg_alarm_ack_seconds_bucket{le="2.5",channel="dc09"}')).toBe(2);
  });

  it('counts a retransmission of a stored alarm as a retry, not as a second alarm', async () => {
    const before = await scrape();
    const frame = encodeFrame({ token: 'ADM-CID', sequence: '0777', line: '0', account: '7A03', data: '#7A03|1101 01 001', timestamp: new Date() });
    await sender.send({ frame, account: '7A03', sequence: '0777' });
    await sender.send({ frame, account: '7A03', sequence: '0777' });
    const after = await scrape();
    expect(sample(after, 'samenzorg_alarms_received_total{channel="dc09"}') - sample(before, 'samenzorg_alarms_received_total{channel="dc09"}')).toBe(1);
    expect(sample(after, 'samenzorg_alarm_retries_total{channel="dc09"}') - sample(before, 'samenzorg_alarm_retries_total{channel="dc09"}')).toBe(1);
  });

  it('reads open incidents per urgency and overdue incidents from the database', async () => {
    await sendAlarm('7A04', '1101');
    const [incident] = await t.db.selectFrom('incident').select('id').where('closed_at', 'is', null).orderBy('received_at', 'desc').limit(1).execute();
    const before = await scrape();
    // U1: a nurse must be there within 15 minutes; this one came in an hour ago and nobody is on site.
    await t.db.updateTable('incident').set({ urgency: 'U1', received_at: new Date(Date.now() - 3600_000) }).where('id', '=', incident!.id).execute();
    const after = await scrape();
    expect(sample(after, 'samenzorg_incidents_open{urgency="U1"}') - sample(before, 'samenzorg_incidents_open{urgency="U1"}')).toBe(1);
    expect(sample(before, 'samenzorg_incidents_open{urgency="untriaged"}') - sample(after, 'samenzorg_incidents_open{urgency="untriaged"}')).toBe(1);
    expect(sample(after, 'samenzorg_incidents_overdue') - sample(before, 'samenzorg_incidents_overdue')).toBe(1);
  });

  it('counts an offer that lapsed unanswered', async () => {
    await sendAlarm('7A05', '1101');
    const [incident] = await t.db.selectFrom('incident').select('id').where('closed_at', 'is', null).orderBy('received_at', 'desc').limit(1).execute();
    await t.db.updateTable('incident').set({ status: 'assigned', urgency: 'U3', offer_expires_at: new Date(Date.now() - 1000) }).where('id', '=', incident!.id).execute();
    const before = sample(await scrape(), 'samenzorg_offers_expired_total');
    expect(await expireOffers(t.deps)).toBe(1);
    expect(sample(await scrape(), 'samenzorg_offers_expired_total') - before).toBe(1);
  });

  it('counts a LISTEN reconnect after the listening backend is killed', async () => {
    const series = 'samenzorg_listen_reconnects_total{channel="nightcare"}';
    const before = sample(await scrape(), series);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listen:nightcare'`.execute(t.db);
    await expect.poll(async () => sample(await scrape(), series), { timeout: 10_000 }).toBeGreaterThan(before);
  });

  it('counts a wait for a pooled connection when every connection is busy', async () => {
    const { db: tiny } = createDb(t.url, 1);
    const before = sample(await scrape(), 'samenzorg_db_pool_waits_total');
    await Promise.all([sql`SELECT pg_sleep(0.1)`.execute(tiny), sql`SELECT 1`.execute(tiny)]);
    await tiny.destroy();
    expect(sample(await scrape(), 'samenzorg_db_pool_waits_total') - before).toBe(1);
  });

  it('answers only loopback without a token, and only the bearer of the token with one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(404);
    const app = await buildApp({ ...t.deps, logLevel: 'silent', metricsToken: 'a-long-enough-metrics-token' });
    apps.push(app);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-other-size' } })).statusCode).toBe(404);
    const scraped = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer a-long-enough-metrics-token' } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('samenzorg_alarms_received_total');
  });
});
