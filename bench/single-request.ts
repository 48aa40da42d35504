// `npm run bench:single -- [--samples=50] [--explain]`: what one request of the load mix costs alone
// (bench/load.ts, issue 15 item 8), the coordinator's board refresh and the client edit first: the
// median of `samples` sequential requests over HTTP with the server otherwise idle, the statements
// each request sends to PostgreSQL (count and time, traced at the driver) and the audit entries it
// writes. With --explain, EXPLAIN (ANALYZE, BUFFERS) of every statement of one traced request, run in a
// transaction that is rolled back. Prints markdown for bench/results/load.md ("Single-request cost").
import os from 'node:os';
import pg from 'pg';
import { startDemoServer } from './support/demo-server.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const samples = Number(args.get('samples') ?? 50);
const explain = args.has('explain');

interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}
/** Every statement sent while `tracing` is set: the driver's query, timed to its result. */
let tracing: Statement[] | undefined;
// Taken off the prototype to be called with each client as `this`.
const query = Object.getOwnPropertyDescriptor(pg.Client.prototype, 'query')!.value as (this: pg.Client, ...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: typeof query }).query = function traced(this: pg.Client, ...a: unknown[]) {
  const result = query.apply(this, a);
  const trace = tracing;
  const config = a[0] as string | { text: string; values?: unknown[] };
  if (trace && result instanceof Promise) {
    const started = performance.now();
    const text = typeof config === 'string' ? config : config.text;
    const values = typeof config === 'string' ? ((a[1] as unknown[] | undefined) ?? []) : (config.values ?? []);
    void result.then(
      () => trace.push({ text, values, ms: performance.now() - started }),
      () => trace.push({ text: `(failed) ${text}`, values, ms: performance.now() - started }),
    );
  }
  return result;
};

// The timers' sweeps off, so the statements traced are the request's own (the audit sealer still runs:
// the fewest statements of five traced requests is reported).
const server = await startDemoServer('bench-single', { app: { nightcareSweeps: false, respite: { holdSweep: false } } });
const { scratch, owner, address, sessionOf } = server;
const coordinator = await sessionOf('coordinator@icare.demo');
const day = await sessionOf('dag@tangenborgh.demo');
const org = await owner.selectFrom('organisation').select('id').where('name', '=', 'Tangenborgh').executeTakeFirstOrThrow();
const clientId = (await owner.selectFrom('client').select('id').where('organisation_id', '=', org.id).orderBy('id').executeTakeFirstOrThrow()).id;

interface Kind {
  kind: string;
  method: 'GET' | 'PATCH';
  path: string;
  cookie: string;
  body?: object;
}
// As in bench/load.ts's mix.
const kinds: Kind[] = [
  { kind: 'board refresh (coordinator)', method: 'GET', path: '/api/nightcare/incidents', cookie: coordinator },
  { kind: 'client edit', method: 'PATCH', path: `/api/clients/${clientId}`, cookie: day, body: { phone: '0591 123456' } },
  { kind: 'client record read', method: 'GET', path: `/api/clients/${clientId}`, cookie: day },
];

async function send(k: Kind): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${address}${k.path}`, {
    method: k.method,
    headers: { cookie: k.cookie, ...(k.body && { 'content-type': 'application/json', origin: address }) },
    ...(k.body && { body: JSON.stringify(k.body) }),
  });
  const body = await response.text();
  if (response.status >= 300) throw new Error(`${k.kind}: ${response.status} ${body}`);
  return performance.now() - started;
}

const auditCount = async () => Number((await owner.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const shorten = (text: string) => text.replace(/\s+/g, ' ').slice(0, 150);

const rows: string[] = [];
const traces: string[] = [];
for (const k of kinds) {
  for (let i = 0; i < 5; i++) await send(k);
  const took: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < samples; i++) took.push(await send(k));
  const cpu = process.cpuUsage(cpuBefore);
  let trace: Statement[] = [];
  let audited = 0;
  for (let i = 0; i < 5; i++) {
    const auditBefore = await auditCount();
    const current: Statement[] = [];
    tracing = current;
    await send(k);
    // The trace's last statement (COMMIT) resolves with the response; give its callback a turn.
    await new Promise((resolve) => setTimeout(resolve, 10));
    tracing = undefined;
    if (i === 0 || current.length < trace.length) trace = current;
    audited = (await auditCount()) - auditBefore;
  }
  const sqlMs = trace.reduce((sum, s) => sum + s.ms, 0);
  // CPU of this process (server and the requesting fetch alike, the same on both sides of a comparison), not PostgreSQL's.
  const cpuPerRequest = (cpu.user + cpu.system) / 1000 / samples;
  rows.push(`| ${k.kind} | ${median(took).toFixed(1)} | ${Math.min(...took).toFixed(1)} | ${cpuPerRequest.toFixed(1)} | ${trace.length} | ${sqlMs.toFixed(1)} | ${audited} |`);
  traces.push(`${k.kind}: ${trace.length} statements, ${sqlMs.toFixed(1)} ms in PostgreSQL round trips`, ...trace.map((s) => `  ${s.ms.toFixed(2).padStart(7)} ms  ${shorten(s.text)}`), '');
  if (explain) {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    for (const s of trace.filter((t) => /^\s*(select|insert|update|with)/i.test(t.text))) {
      await client.query('BEGIN');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.text}`, s.values).catch((error: Error) => ({ rows: [{ 'QUERY PLAN': `(not explained: ${error.message})` }] }));
      await client.query('ROLLBACK');
      traces.push(`EXPLAIN ${shorten(s.text)}`, ...plan.rows.map((r) => `  ${r['QUERY PLAN']}`), '');
    }
    await client.end();
  }
}

console.log(
  [
    `Single-request cost: ${samples} sequential requests over HTTP per kind after 5 unreported, the server otherwise idle; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    '',
    '| kind | median ms | min ms | Node CPU ms per request | statements | ms in PostgreSQL | audit entries |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...traces,
  ].join('\n'),
);
await server.close();
