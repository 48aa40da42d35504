import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { alarmServer, firstAckAfterSpawn } from '../support/alarm-server.js';
import { createTestDatabase } from '../support/database.js';
import type { ServerProcess } from '../support/server-process.js';
import { SETUP } from '../support/world.js';

// After a crash the alarm receiver must be back before anything else: DC-09 transmitters retry for a
// while, then fail over or give up. Timed from the spawn of the process to the first ACK, as a
// transmitter that retries every 50 ms would see it.

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, 2).db;
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-restart-'));
});

afterAll(async () => {
  for (const server of servers) await server.kill();
  await db?.destroy();
  await database?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('a restarted server', () => {
  it('ACKs a DC-09 alarm before it has loaded the web app, run the demo check or opened the web server', { timeout: 120_000 }, async () => {
    const allianceId = await createAlliance(db, SETUP, { name: 'Restart alliance', region: 'Test' });
    await createOrganisation(db, SETUP, { allianceId, name: 'Restart care', kind: 'care_provider' });
    // The demo seed runs (and finds its region missing, so it seeds): the receiver must not wait for it.
    const server = await alarmServer({ databaseUrl: database.url, allianceId, dataDir, secretKey: randomBytes(32).toString('hex'), seedDemo: true });
    // The first start migrates and seeds; then the crash.
    const first = await server.start({ until: 'Samenzorg is running at', timeoutMs: 90_000 });
    servers.push(first);
    await first.kill();

    const { process: second, delivery, ackAfterMs } = await firstAckAfterSpawn(server);
    servers.push(second);
    const timeline = /DC-09 receiver on tcp\/udp \d+ \(([\d.]+) s after the process started: modules loaded at ([\d.]+) s, database open at ([\d.]+) s\)/.exec(second.output());
    const load = os.loadavg()[0]! / os.cpus().length;
    console.log(`restart: first DC-09 ACK ${ackAfterMs.toFixed(0)} ms after spawn; ${timeline?.[0] ?? ''}; load average per core ${load.toFixed(1)}`);
    expect(delivery.kind).toBe('ack');
    // The receiver did not wait for the web app, the demo check or the web server: they were not up yet.
    expect(second.output()).not.toContain('Samenzorg is running at');
    // Nor for the migrations' check or anything else slow: from the last module loaded to listening is
    // opening the pool, one query for the alliance and the keys, and the bind.
    expect(timeline).not.toBeNull();
    const [listening, modulesLoaded] = [Number(timeline![1]), Number(timeline![2])];
    expect(listening - modulesLoaded).toBeLessThan(1);
    // The goal (README, "Restarts"): alarms within 2 s of the start. Nearly all of it is Node loading
    // modules (tsx's hooks make each one several times dearer than the compiled build), and on a machine
    // running far more than it has cores that alone takes longer: there the test keeps the failover
    // bound (30 s) and says so, rather than pass a 2-s claim it did not check.
    if (load <= 1) expect(ackAfterMs).toBeLessThan(2_000);
    else {
      console.warn(`restart: the 2-s goal is not checked at a load average of ${load.toFixed(1)} per core; ${ackAfterMs.toFixed(0)} ms measured`);
      expect(ackAfterMs).toBeLessThan(30_000);
    }
    await expect.poll(() => second.output(), { timeout: 30_000 }).toContain('Samenzorg is running at');
  });
});
