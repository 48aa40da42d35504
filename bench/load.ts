// `npm run bench:load`: the users' mix over HTTP (coordinators' board refreshes and searches, nurses'
// status updates, night-summary and record reads, alarm centres' webhook alarms, client edits), from a
// separate load process, at rising arrival rates, to find the knee: the highest rate at which p99 stays
// within 100 ms (DESIGN.md §7: ≥ 500 requests/s at p99 ≤ 100 ms on 2 cores). Writes bench/results/load.md.
// Options: --seconds=10 per step, --rates=100,150,... (default: the ladder below, until p99 passes 300 ms),
// --prepared=false to measure without named statements.
// Per step it also reports the server's own CPU and its event loop's p99 delay, the embedded PostgreSQL's
// CPU and the pool's waits, which tell a server short of CPU from a database short of it or of connections.
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createOrganisation } from '../src/modules/alliance/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import { metricsRegistry } from '../src/platform/metrics/index.js';
import type { MixConfig, MixRequest, MixResult } from './load-mix-worker.js';
import { startDemoServer } from './support/demo-server.js';
import { postgresCpuReader } from './support/postgres-cpu.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const seconds = Number(args.get('seconds') ?? 10);
const fixedRates = args.get('rates')?.split(',').map(Number);
// --prepared=false: statements unnamed, parsed and planned at every execution (DATABASE_PREPARED_STATEMENTS=false).
const prepare = args.get('prepared') !== 'false';
const P99_LIMIT_MS = 100;
/** Each step's load process first sends this long at the step's rate, unrecorded (see load-mix-worker.ts). */
const LEAD_IN_SECONDS = 2;
/** Before the ladder, the server runs this long at this rate, unrecorded (see the warm-up below). */
const WARM_UP_RATE = 300;
const WARM_UP_SECONDS = 30;
const here = path.dirname(fileURLToPath(import.meta.url));

function runWorker(config: MixConfig): Promise<MixResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-mix-worker.ts'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as MixResult) : reject(new Error(`load worker exited ${code}`))));
  });
}

const server = await startDemoServer('bench-load', { prepare });
const { scratch, owner, app, address, region, sessionOf } = server;
const postgresCpu = await postgresCpuReader(path.join(scratch.dir, 'pg'));
const coordinator = await sessionOf('coordinator@icare.demo');
const day = await sessionOf('dag@tangenborgh.demo');
const nurse = await sessionOf('nurse1@tangenborgh.demo');
// A nurse reports positions while on duty.
const duty = await app.inject({ method: 'POST', url: '/api/nightcare/duty', headers: { cookie: nurse }, payload: { skills: ['lifting'] } });
if (duty.statusCode !== 200) throw new Error(`duty: ${duty.statusCode} ${duty.body}`);
// Duty covers the current or next night shift; by day it has not begun, so the bench starts it now.
await owner.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 60_000) }).where('id', '=', duty.json<{ id: string }>().id).execute();
const allianceId = (await owner.selectFrom('alliance').select('id').where('name', '=', region.allianceName).executeTakeFirstOrThrow()).id;
const centre = await createOrganisation(owner, bootstrapActor('benchmark set-up'), { allianceId, name: 'Bench alarm centre', kind: 'alarm_centre' });
const apiKey = (await createApiKey(owner, centre, 'bench')).key;
const org = await owner.selectFrom('organisation').select('id').where('name', '=', 'Tangenborgh').executeTakeFirstOrThrow();
const clients = await owner.selectFrom('client').select(['id', 'alarm_account']).where('organisation_id', '=', org.id).execute();
const ids = clients.map((c) => c.id);
const account = clients.find((c) => c.alarm_account)?.alarm_account ?? 'ABC123';

// Weights: what a night of coordinators, nurses and alarm centres sends, as a share of requests.
const mix: MixRequest[] = [
  { kind: 'board refresh (coordinator)', weight: 25, method: 'GET', path: '/api/nightcare/incidents', headers: { cookie: coordinator } },
  { kind: 'client search (coordinator)', weight: 10, method: 'GET', path: '/api/clients?q=de', headers: { cookie: day } },
  { kind: 'nurse status (position)', weight: 20, method: 'POST', path: '/api/nightcare/position', headers: { cookie: nurse }, body: { latitude: 52.78, longitude: 6.9 } },
  { kind: 'night summary read', weight: 15, method: 'GET', path: '/api/clients/{id}/night-summary', headers: { cookie: day } },
  { kind: 'client record read', weight: 15, method: 'GET', path: '/api/clients/{id}', headers: { cookie: day } },
  { kind: 'webhook alarm', weight: 5, method: 'POST', path: '/api/nightcare/alarms', headers: { 'x-api-key': apiKey, 'idempotency-key': '{uuid}' }, body: { account, reason: 'test' } },
  { kind: 'client edit', weight: 10, method: 'PATCH', path: '/api/clients/{id}', headers: { cookie: day }, body: { phone: '0591 123456' } },
];

// Every kind must answer 2xx before a figure means anything; the second call, timed, is the kind's cost alone.
const alone = new Map<string, number>();
for (const r of mix) {
  const fill = (text: string) => text.replace(/\{id\}/g, ids[0] ?? '').replace(/\{uuid\}/g, crypto.randomUUID());
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, fill(v)]));
  const response = await app.inject({ method: r.method, url: fill(r.path), headers, ...(r.body === undefined ? {} : { payload: r.body as object }) });
  if (response.statusCode >= 300) throw new Error(`${r.kind}: ${response.statusCode} ${response.body}`);
  const started = performance.now();
  await app.inject({ method: r.method, url: fill(r.path), headers, ...(r.body === undefined ? {} : { payload: r.body as object }) });
  alone.set(r.kind, performance.now() - started);
}
// Warm-up (JIT, connection pools, caches), not reported. A server that has only just started is
// slower for its first half-minute under load, while its code is still being optimised: the first
// step after only the 5 s at 50 requests/s used 74 % of a core where the same rate later used 51-64 %,
// with p99 218 ms against 44-72 ms. The knee is a property of a server that has been running.
await runWorker({ url: address, rate: 50, seconds: 5, leadInSeconds: 0, ids, mix });
await runWorker({ url: address, rate: WARM_UP_RATE, seconds: WARM_UP_SECONDS, leadInSeconds: 0, ids, mix });

/** The pool's queued connection requests so far and their summed wait (platform/db/pool-metrics.ts). */
async function poolWaits(): Promise<{ count: number; seconds: number }> {
  // A histogram's values carry their series' name (_bucket, _sum, _count); the types leave it out.
  const values = async (name: string) => ((await metricsRegistry.getSingleMetric(name)?.get())?.values ?? []) as { metricName?: string; value: number }[];
  const count = (await values('samenzorg_db_pool_waits_total')).reduce((sum, v) => sum + v.value, 0);
  const seconds = (await values('samenzorg_db_pool_wait_seconds')).find((v) => v.metricName === 'samenzorg_db_pool_wait_seconds_sum')?.value ?? 0;
  return { count, seconds };
}

interface ServerFigures {
  /** The server process's CPU over the step's whole load process (start, lead-in, measured seconds), in % of one core (the load worker and PostgreSQL are other processes). */
  cpu: number;
  /** The embedded PostgreSQL's CPU over the same time, in % of one core; undefined with DATABASE_URL set. */
  postgresCpu: number | undefined;
  loopDelayP99: number;
  poolWaits: number;
  poolWaitMeanMs: number;
}

const steps: { rate: number; result: MixResult; server: ServerFigures }[] = [];
// Finer steps where the knee was found (between 100 and 300 requests/s on this machine).
const rates = fixedRates ?? [25, 50, 100, 150, 200, 250, 300, 350, 400, 500, 600, 800, 1000];
for (const rate of rates) {
  const cpuBefore = process.cpuUsage();
  const postgresBefore = await postgresCpu?.();
  const waitsBefore = await poolWaits();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const wallBefore = performance.now();
  const result = await runWorker({ url: address, rate, seconds, leadInSeconds: LEAD_IN_SECONDS, ids, mix });
  loop.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const postgresAfter = await postgresCpu?.();
  const waitsAfter = await poolWaits();
  const waited = waitsAfter.count - waitsBefore.count;
  const server: ServerFigures = {
    cpu: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    postgresCpu: postgresBefore === undefined || postgresAfter === undefined ? undefined : ((postgresAfter - postgresBefore) / (wallMs / 1000)) * 100,
    loopDelayP99: loop.percentile(99) / 1e6,
    poolWaits: waited,
    poolWaitMeanMs: waited ? ((waitsAfter.seconds - waitsBefore.seconds) / waited) * 1000 : 0,
  };
  steps.push({ rate, result, server });
  console.log(
    `${rate}/s: ${result.rps.toFixed(0)} answered/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}; server CPU ${server.cpu.toFixed(0)} %, PostgreSQL CPU ${server.postgresCpu?.toFixed(0) ?? '–'} %, loop delay p99 ${server.loopDelayP99.toFixed(1)} ms, pool waits ${server.poolWaits} (mean ${server.poolWaitMeanMs.toFixed(1)} ms)`,
  );
  for (const [kind, k] of Object.entries(result.kinds)) console.log(`  ${kind}: p50 ${k.p50.toFixed(1)} ms, p99 ${k.p99.toFixed(1)} ms`);
  if (!fixedRates && (result.p99 > P99_LIMIT_MS * 3 || result.errors > result.sent * 0.01)) break;
}
const withinLimit = (s: (typeof steps)[number]) => s.result.p99 <= P99_LIMIT_MS && s.result.errors <= s.result.sent * 0.01;
// The knee is the last step before the first one over the limit: a later step that passes again does not count.
const firstOver = steps.findIndex((s) => !withinLimit(s));
const knee = (firstOver === -1 ? steps : steps.slice(0, firstOver)).at(-1);
const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');

const row = (s: (typeof steps)[number]) =>
  `| ${s.rate} | ${s.result.rps.toFixed(0)} | ${s.result.p50.toFixed(1)} | ${s.result.p99.toFixed(1)} | ${s.result.max.toFixed(0)} | ${s.result.errors} | ${s.server.cpu.toFixed(0)} | ${s.server.postgresCpu?.toFixed(0) ?? '–'} | ${s.server.loopDelayP99.toFixed(1)} | ${s.server.poolWaits} | ${s.server.poolWaitMeanMs.toFixed(1)} |`;
const shown = knee ?? steps[0];
const kinds = shown ? Object.entries(shown.result.kinds).map(([kind, k]) => `| ${kind} | ${(alone.get(kind) ?? 0).toFixed(1)} | ${k.count} | ${k.p50.toFixed(1)} | ${k.p99.toFixed(1)} | ${k.errors} |`) : [];
const report = [
  '# The users\' mix under load: where is the knee?',
  '',
  `Command: \`npm run bench:load -- --seconds=${seconds}${fixedRates ? ` --rates=${fixedRates.join(',')}` : ''}${prepare ? '' : ' --prepared=false'}\`. Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average at the end ${load}; the server, PostgreSQL and the load process share the cores.`,
  `The demo region; the load comes from a separate process (undici keep-alive pool, 128 connections) at a fixed arrival rate per step (open loop: latency counts from when a request was due, so queueing shows); before the ladder the server runs ${WARM_UP_SECONDS} s at ${WARM_UP_RATE} requests/s unrecorded, so its code is warm; each step's load process first sends ${LEAD_IN_SECONDS} s at the step's rate unrecorded, so its own cold start is not counted. Mix per 100 requests:`,
  mix.map((r) => `${r.weight} ${r.kind}`).join(', ') + '.',
  '',
  '| offered req/s | answered req/s | p50 ms | p99 ms | max ms | errors | server CPU % of a core | PostgreSQL CPU % of a core | event-loop delay p99 ms | pool waits | mean pool wait ms |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...steps.map(row),
  '',
  knee ? `**Knee: ${knee.rate} requests/s at p99 ${knee.result.p99.toFixed(1)} ms** (target ≥ 500 at p99 ≤ ${P99_LIMIT_MS} ms).` : `**No step stayed within p99 ${P99_LIMIT_MS} ms.**`,
  '',
  ...(shown ? [`Per kind at ${shown.rate} requests/s (alone: one request with the server idle):`, '', '| kind | alone ms | answered | p50 ms | p99 ms | errors |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...kinds, ''] : []),
].join('\n');
console.log(report);
await fs.mkdir(path.join(here, 'results'), { recursive: true });
await fs.writeFile(path.join(here, 'results', 'load.md'), `${report}\n`);
await server.close();
