import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dc09Sender, type Delivery } from '../../bench/dc09-sender.js';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { dc09DedupKey, encodeFrame } from '../../src/modules/nightcare/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { createTestDatabase } from '../support/database.js';
import { SETUP } from '../support/world.js';
import { freePort } from '../../src/platform/net/index.js';

// The server is killed with SIGKILL while alarms stream in: no shutdown hook runs, connections drop
// mid-transaction. Afterwards every alarm the sender saw ACKed must be stored exactly once, and every
// alarm it sent must have been ACKed in the end (by the restarted server).

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOTAL = 300;
const RATE = 100;

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let allianceId: string;
let dataDir: string;
let server: ChildProcess | undefined;
let output = '';


/** src/main.ts in its own process (node itself, not a tsx wrapper, so SIGKILL hits the server). */
async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('DC-09 receiver on tcp/udp').length > (env.RESTARTED ? 2 : 1)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, 2).db;
  allianceId = await createAlliance(db, SETUP, { name: 'Crash alliance', region: 'Test' });
  await createOrganisation(db, SETUP, { allianceId, name: 'Crash care', kind: 'care_provider' });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-crash-'));
});

afterAll(async () => {
  await kill(server);
  await db?.destroy();
  await database?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('alarm intake across a server crash', () => {
  it('loses no alarm and stores none twice when the server is killed mid-stream and restarted', { timeout: 90_000 }, async () => {
    const dc09Port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DC09_PORT: String(dc09Port),
      DC09_ALLIANCE_ID: allianceId,
      SECRET_KEY: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    };
    const first = await startServer(env);

    const sender = new Dc09Sender({ host: '127.0.0.1', port: dc09Port, connections: 8, ackTimeoutMs: 1000, retryDelayMs: 100 });
    // Accounts unique to this run, so only this run's alarms are counted.
    const prefix = randomBytes(3).toString('hex').toUpperCase();
    const keys: string[] = [];
    const deliveries: Promise<Delivery>[] = [];
    let ackedBeforeKill = 0;
    for (let i = 0; i < TOTAL; i++) {
      const account = `${prefix}${i.toString(16).toUpperCase().padStart(4, '0')}`;
      const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
      const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account, data: `#${account}|1101 01 001`, timestamp });
      keys.push(dc09DedupKey({ account, sequence: '0001', timestamp }, timestamp));
      deliveries.push(sender.send({ frame, account, sequence: '0001' }));
      void deliveries[i]?.then(() => {
        if (first.exitCode === null && first.signalCode === null) ackedBeforeKill++;
      });
      if (i === Math.floor(TOTAL / 3)) await kill(first);
      if (i === Math.floor(TOTAL / 2)) await startServer({ ...env, RESTARTED: 'yes' });
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    const results = await Promise.all(deliveries);
    sender.close();

    expect(results.every((r) => r.kind === 'ack')).toBe(true);
    // The kill really fell mid-stream: some alarms were ACKed before it and others had to be resent.
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(ackedBeforeKill).toBeLessThan(TOTAL);
    expect(sender.retries + sender.connectFailures).toBeGreaterThan(0);

    const rows = await db
      .selectFrom('alarm')
      .select(['dedup_key', 'incident_id'])
      .where('alliance_id', '=', allianceId)
      .where('source', '=', 'dc09')
      .where('account', 'like', `${prefix}%`)
      .execute();
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.dedup_key, (counts.get(row.dedup_key) ?? 0) + 1);
    expect(keys.filter((k) => counts.get(k) !== 1)).toEqual([]);
    expect(rows).toHaveLength(TOTAL);
    // Each alarm opened exactly one (unidentified) incident.
    expect(new Set(rows.map((r) => r.incident_id)).size).toBe(TOTAL);
    expect(rows.every((r) => r.incident_id !== null)).toBe(true);
  });
});
