// `npm run bench:receiver-start -- --runs=10 [--trees=/path/of/another/checkout] [--modes=tsx,built]`: how
// soon a restarted server ACKs DC-09 again (issue 15, item 2: within 2 s of the start). Spawns the server
// (`--import tsx src/main.ts`, or `dist/main.js` after `npm run build:server`) against a migrated scratch
// database and sends one alarm at once, resent every 50 ms until ACKed, as a retrying transmitter would.
// With --trees, the runs alternate between this checkout and the others (each with its own build), so
// the shared machine's drifting load falls on every side alike. Prints the medians and the modules each
// start loaded before its receiver listened (a load hook counts them).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { encodeFrame } from '../src/modules/nightcare/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import { createDb, startScratchDatabase } from '../src/platform/db/index.js';
import { freePort } from '../src/platform/net/index.js';
import { Dc09Sender } from './dc09-sender.js';

const SETUP = bootstrapActor('bench set-up');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const here = path.dirname(fileURLToPath(import.meta.url));
const trees = [path.resolve(here, '..'), ...(args.get('trees')?.split(',').filter(Boolean).map((t) => path.resolve(t)) ?? [])];
const modes = (args.get('modes') ?? 'tsx,built').split(',') as ('tsx' | 'built')[];
const runs = Number(args.get('runs') ?? 10);
const countHook = path.join(here, 'support', 'count-modules.mjs');

const scratch = await startScratchDatabase('bench-receiver-start');
const db = createDb(scratch.url, 2).db;
const allianceId = await createAlliance(db, SETUP, { name: 'Restart alliance', region: 'Bench' });
await createOrganisation(db, SETUP, { allianceId, name: 'Restart care', kind: 'care_provider' });
const dataDir = path.join(scratch.dir, 'data');
const dc09Port = await freePort();
const env = {
  ...process.env,
  DATABASE_URL: scratch.appUrl,
  DATABASE_OWNER_URL: scratch.url,
  SEED_DEMO: 'false',
  HOST: '127.0.0.1',
  PORT: String(await freePort()),
  DC09_PORT: String(dc09Port),
  DC09_ALLIANCE_ID: allianceId,
  SECRET_KEY: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'error',
};

interface Start {
  ackMs: number;
  /** main.ts's own line: seconds to listening, modules loaded, database open; and the hook's counts. */
  timeline: string;
  /** CPU time (user + system) the process had used when its receiver listened. */
  cpuMs: number;
}

/** One start: spawn, first ACK, SIGKILL (the crash the restart follows). */
async function start(tree: string, mode: 'tsx' | 'built', sequence: number): Promise<Start> {
  const entry = mode === 'tsx' ? ['--import', 'tsx', 'src/main.ts'] : ['dist/main.js'];
  const account = `B${sequence.toString(16).toUpperCase().padStart(5, '0')}`;
  const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account, data: `#${account}|1101 01 001`, timestamp: new Date(Math.floor(Date.now() / 1000) * 1000) });
  const sender = new Dc09Sender({ host: '127.0.0.1', port: dc09Port, connections: 1, ackTimeoutMs: 1000, retryDelayMs: 50 });
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', countHook, ...entry], { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const delivery = await sender.send({ frame, account, sequence: '0001' });
  sender.close();
  const ackMs = delivery.repliedAt - spawnedAt;
  // The receiver's line is printed just after the bind; give it a moment to arrive.
  for (let i = 0; i < 50 && !/DC-09 receiver on.*\]/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const timeline = /DC-09 receiver on tcp\/udp \d+ (.*)/.exec(output)?.[1] ?? `(no receiver line) ${output.slice(-400)}`;
  return { ackMs, timeline, cpuMs: Number(/cpu (\d+) ms/.exec(timeline)?.[1] ?? NaN) };
}

// The first start migrates nothing (the scratch database is migrated) but makes the data directory.
console.log(`receiver start bench: ${runs} runs per tree and mode, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await start(trees[0]!, modes[0]!, 0);
const results = new Map<string, Start[]>();
let sequence = 1;
for (let run = 0; run < runs; run++) {
  for (const mode of modes) {
    for (const tree of trees) {
      const key = `${tree} ${mode}`;
      const result = await start(tree, mode, sequence++);
      results.set(key, [...(results.get(key) ?? []), result]);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [key, starts] of results) {
  const acks = starts.map((s) => s.ackMs);
  const cpu = starts.map((s) => s.cpuMs);
  console.log(`${key}: spawn to first ACK median ${median(acks).toFixed(0)} ms (min ${Math.min(...acks).toFixed(0)}, max ${Math.max(...acks).toFixed(0)}); CPU to listening median ${median(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)}); last start ${starts.at(-1)!.timeline}`);
}
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await db.destroy();
await scratch.drop();
await fs.rm(dataDir, { recursive: true, force: true });
