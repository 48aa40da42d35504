import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dc09Sender, type Delivery } from '../../bench/dc09-sender.js';
import { addTeamMember, createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { alarmServer, numberedAlarms, storedAlarms } from '../support/alarm-server.js';
import { openBoardStream, type BoardStream } from '../support/board-stream.js';
import { createTestDatabase } from '../support/database.js';
import type { ServerProcess } from '../support/server-process.js';
import { addUser, SETUP } from '../support/world.js';

// Two servers on one PostgreSQL, as processes. A transmitter sends to A, its primary, at 50 alarms/s;
// A is killed with SIGKILL mid-stream; after a missed ACK the transmitter switches to B, its secondary.
// Every alarm must be ACKed in the end and stored exactly once, and a board open on B keeps updating.

const TOTAL = 250;
const RATE = 50;

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, 2).db;
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-failover-'));
});

afterAll(async () => {
  for (const server of servers) await server.kill();
  await db?.destroy();
  await database?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** Logs a night coordinator in on a server over HTTP and opens the board's event stream there. */
async function openBoard(base: string, user: { email: string; password: string; totpSecret: string }): Promise<BoardStream> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password, totp: currentTotp(user.totpSecret) }) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return openBoardStream(base, cookie);
}

describe('failover between two instances', () => {
  it('loses no ACKed alarm and stores none twice when the primary is killed under 50 alarms/s and the transmitter switches to the secondary', { timeout: 150_000 }, async () => {
    const secretKey = randomBytes(32).toString('hex');
    const allianceId = await createAlliance(db, SETUP, { name: 'Failover alliance', region: 'Test' });
    const org = await createOrganisation(db, SETUP, { allianceId, name: 'Failover care', kind: 'care_provider' });
    const coordinator = await addUser(db, new SecretBox(secretKey), org, ['coordinator'], 'failovercoord');
    await addTeamMember(db, { allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: org });
    const options = { databaseUrl: database.url, allianceId, dataDir, secretKey };
    const [serverA, serverB] = await Promise.all([alarmServer(options), alarmServer(options)]);
    const running = 'Samenzorg is running at';
    const [a, b] = await Promise.all([serverA.start({ until: running }), serverB.start({ until: running })]);
    servers.push(a, b);
    const board = await openBoard(`http://127.0.0.1:${serverB.httpPort}`, coordinator);

    const sender = new Dc09Sender({ host: '127.0.0.1', port: serverA.dc09Port, secondary: { host: '127.0.0.1', port: serverB.dc09Port }, connections: 8, ackTimeoutMs: 2000, retryDelayMs: 100 });
    const { prefix, alarm } = numberedAlarms();
    const keys: string[] = [];
    const deliveries: Promise<Delivery>[] = [];
    let killedAt = 0;
    for (let i = 0; i < TOTAL; i++) {
      const next = alarm(i);
      keys.push(next.dedupKey);
      deliveries.push(sender.send({ frame: next.frame, account: next.account, sequence: next.sequence }));
      if (i === Math.floor(TOTAL / 3)) {
        killedAt = performance.now();
        await a.kill();
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    const results = await Promise.all(deliveries);
    sender.close();

    expect(results.every((r) => r.kind === 'ack')).toBe(true);
    expect(sender.failovers).toBeGreaterThan(0);
    // Intake is back when the first alarm sent after the kill is ACKed (by B).
    const backAfterMs = Math.min(...results.filter((r) => r.sentAt > killedAt).map((r) => r.repliedAt)) - killedAt;
    console.log(`failover: intake back ${backAfterMs.toFixed(0)} ms after the kill; ${sender.retries} resends, ${sender.failovers} switch(es)`);
    expect(backAfterMs).toBeLessThan(30_000);

    const { rows, notOnce } = await storedAlarms(db, allianceId, prefix, keys);
    expect(notOnce).toEqual([]);
    expect(rows).toHaveLength(TOTAL);
    // The board on B saw the alarms that A took before the kill and those B took after it.
    const last = rows.find((r) => r.dedup_key === keys[TOTAL - 1]);
    const first = rows.find((r) => r.dedup_key === keys[0]);
    await expect.poll(board.text).toContain(last!.incident_id!);
    expect(board.text()).toContain(first!.incident_id!);
    board.close();
  });
});
