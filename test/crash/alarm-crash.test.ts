import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dc09Sender, type Delivery } from '../../bench/dc09-sender.js';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { alarmServer, numberedAlarms, storedAlarms } from '../support/alarm-server.js';
import { createTestDatabase } from '../support/database.js';
import type { ServerProcess } from '../support/server-process.js';
import { SETUP } from '../support/world.js';

// The server is killed with SIGKILL while alarms stream in: no shutdown hook runs, connections drop
// mid-transaction. Afterwards every alarm the sender saw ACKed must be stored exactly once, and every
// alarm it sent must have been ACKed in the end (by the restarted server).

const TOTAL = 300;
const RATE = 100;

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let allianceId: string;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, 2).db;
  allianceId = await createAlliance(db, SETUP, { name: 'Crash alliance', region: 'Test' });
  await createOrganisation(db, SETUP, { allianceId, name: 'Crash care', kind: 'care_provider' });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-crash-'));
});

afterAll(async () => {
  for (const server of servers) await server.kill();
  await db?.destroy();
  await database?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('alarm intake across a server crash', () => {
  it('loses no alarm and stores none twice when the server is killed mid-stream and restarted', { timeout: 90_000 }, async () => {
    const server = await alarmServer({ databaseUrl: database.url, allianceId, dataDir, secretKey: randomBytes(32).toString('hex') });
    const first = await server.start();
    servers.push(first);

    const sender = new Dc09Sender({ host: '127.0.0.1', port: server.dc09Port, connections: 8, ackTimeoutMs: 1000, retryDelayMs: 100 });
    const { prefix, alarm } = numberedAlarms();
    const keys: string[] = [];
    const deliveries: Promise<Delivery>[] = [];
    let ackedBeforeKill = 0;
    for (let i = 0; i < TOTAL; i++) {
      const next = alarm(i);
      keys.push(next.dedupKey);
      deliveries.push(sender.send({ frame: next.frame, account: next.account, sequence: next.sequence }));
      void deliveries[i]?.then(() => {
        if (first.alive) ackedBeforeKill++;
      });
      if (i === Math.floor(TOTAL / 3)) await first.kill();
      if (i === Math.floor(TOTAL / 2)) servers.push(await server.start());
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    const results = await Promise.all(deliveries);
    sender.close();

    expect(results.every((r) => r.kind === 'ack')).toBe(true);
    // The kill really fell mid-stream: some alarms were ACKed before it and others had to be resent.
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(ackedBeforeKill).toBeLessThan(TOTAL);
    expect(sender.retries + sender.connectFailures).toBeGreaterThan(0);

    const { rows, notOnce } = await storedAlarms(db, allianceId, prefix, keys);
    expect(notOnce).toEqual([]);
    expect(rows).toHaveLength(TOTAL);
    // Each alarm opened exactly one (unidentified) incident.
    expect(new Set(rows.map((r) => r.incident_id)).size).toBe(TOTAL);
    expect(rows.every((r) => r.incident_id !== null)).toBe(true);
  });
});
