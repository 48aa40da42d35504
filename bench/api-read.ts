// `npm run bench:api`: request rate of an access-checked, audited client-record read over HTTP, against
// the rate of the same primary-key select behind a bare HTTP route of the same server, on the same machine.
// Target (DESIGN.md §7): the API read reaches at least 80 % of the bare route's rate. A rate is what a
// path sustains when it is kept busy, so both climb the same ladder of requests in flight and each is
// judged by its highest rate; the ratio at every step is reported beside it, since at few requests in
// flight a path with more round trips is bound by its latency, not by the machine. The bare
// PostgreSQL select's rate is reported as the ceiling below both.
import os from 'node:os';
import { machine, readArgs, resultColumns as fmt, runWorker, startReadWorld, type WorkerResult } from './read-world.js';

const { seconds, concurrencies } = readArgs('bench:api', { seconds: 10, concurrency: [16, 32, 64] }, 'The access-checked, audited client-record read against a bare primary-key select; results in bench/results/api.md.');
// --session-cache-ms=0 measures the read without the instance's session cache.
const sessionCacheMs = process.argv.find((a) => a.startsWith('--session-cache-ms='))?.split('=')[1];
// --rounds=N: each step measures the bare route and the API read N times, alternately, so a change in the machine's load falls on both.
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 2);
const world = await startReadWorld('bench-api', (app, db) => {
  // The HTTP ceiling on this machine: the same primary-key select behind a bare route (no session, no access, no audit).
  app.get('/bench/bare-client/:id', { schema: { hide: true } }, async (request) => {
    const { id } = request.params as { id: string };
    return db.selectFrom('client').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}, sessionCacheMs === undefined ? {} : { sessionCacheMs: Number(sessionCacheMs) });
const { db, ids, address, cookie } = world;

console.log(`${ids.length} clients; ${concurrencies.join(', ')} concurrent requests, ${rounds} round(s) of ${seconds} s per path and step; ${os.cpus().length} cores`);
const bare = await runWorker({ mode: 'pg', seconds, concurrency: concurrencies[0], ids, url: world.databaseUrl });

/** The round with the median rate (the lower middle one for an even count), so one disturbed round does not decide. */
const median = (runs: WorkerResult[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)]!;

const steps: { concurrency: number; bareHttp: WorkerResult; api: WorkerResult }[] = [];
for (const concurrency of concurrencies) {
  const bareRuns: WorkerResult[] = [];
  const apiRuns: WorkerResult[] = [];
  for (let round = 0; round < rounds; round++) {
    bareRuns.push(await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, pathPrefix: '/bench/bare-client/' }));
    apiRuns.push(await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, cookie }));
  }
  const step = { concurrency, bareHttp: median(bareRuns), api: median(apiRuns) };
  console.log(`${concurrency} in flight: bare route ${step.bareHttp.rps.toFixed(0)}/s, API read ${step.api.rps.toFixed(0)}/s`);
  steps.push(step);
}
const peak = (path: 'bareHttp' | 'api') => steps.reduce((best, step) => (step[path].rps > best[path].rps ? step : best));
const [bareHttpPeak, apiPeak] = [peak('bareHttp'), peak('api')];
const ratio = apiPeak.api.rps / bareHttpPeak.bareHttp.rps;
const percent = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;
const auditRows = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'read').executeTakeFirstOrThrow();

const report = [
  '# API under load: client-record read vs the same select behind a bare HTTP route',
  '',
  `Command: \`npm run bench:api -- --seconds=${seconds} --concurrency=${concurrencies.join(',')} --rounds=${rounds}${sessionCacheMs === undefined ? '' : ` --session-cache-ms=${sessionCacheMs}`}\`. Machine: ${machine()}; server, PostgreSQL and the load process share them.`,
  `Every run reads random clients among ${ids.length} of one organisation from a separate load process (a pg pool for the bare select, an undici keep-alive pool for HTTP). The API read is GET /api/clients/:id with a session cookie: session lookup, access decision, an audit entry committed before the read (sealed into the hash chain in the background), the record and its contacts. At each step (requests in flight) the bare route and the API read ran ${rounds} time(s) each, alternately, ${seconds} s a run; the table shows the run with the median rate.`,
  '',
  '| in flight | what | requests/s | p50 ms | p99 ms | max ms | errors |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  `| ${concurrencies[0]} | bare \`SELECT * FROM client WHERE id = $1\` ${fmt(bare)}`,
  ...steps.flatMap((step) => [
    `| ${step.concurrency} | the same select behind a bare HTTP route (no session, access or audit) ${fmt(step.bareHttp)}`,
    `| ${step.concurrency} | API client-record read (${percent(step.api.rps, step.bareHttp.rps)} of the bare route) ${fmt(step.api)}`,
  ]),
  '',
  `**Highest rates: the API read ${apiPeak.api.rps.toFixed(0)} requests/s (${apiPeak.concurrency} in flight), the bare route ${bareHttpPeak.bareHttp.rps.toFixed(0)} requests/s (${bareHttpPeak.concurrency} in flight): ${(ratio * 100).toFixed(1)} %** (target ≥ 80 %).`,
  `At ${steps[0]!.concurrency} in flight: ${percent(steps[0]!.api.rps, steps[0]!.bareHttp.rps)}. API read's highest rate / bare select: ${percent(apiPeak.api.rps, bare.rps)}. Audit entries written for reads: ${Number(auditRows.n)}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
  '',
].join('\n');
await world.finish('api', report);
