// `npm run bench:fhir`: the FHIR API's Patient read and a Patient search page over HTTP, beside the REST
// reads of the same clients (the night summary, which the Patient read is, and the client record), and
// the REST search page. Requests/s and p99 for each, written to bench/results/fhir.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { currentTotp } from '../src/platform/auth/index.js';
import { auditKeysFrom, withAuditKeys } from '../src/platform/audit/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createMailer } from '../src/platform/mail/index.js';
import { createDb, startScratchDatabase } from '../src/platform/db/index.js';
import { seedDemoRegion, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo-region.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const seconds = Number(args.get('seconds') ?? 10);
const concurrency = Number(args.get('concurrency') ?? 16);
const here = path.dirname(fileURLToPath(import.meta.url));

interface WorkerResult {
  ok: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

function runWorker(config: object): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-worker.ts'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerResult) : reject(new Error(`worker exited ${code}`))));
  });
}

const loadBefore = os.loadavg();
const scratch = await startScratchDatabase('bench-fhir');
const secretBox = new SecretBox('11'.repeat(32));
const db = withAuditKeys(createDb(scratch.url, 20).db, auditKeysFrom(secretBox));
const deps = { db, readDb: db, secretBox, databaseUrl: scratch.url, mailer: createMailer(db, { from: 'bench@localhost', publicUrl: 'http://localhost' }) };
// buildApp installs the audit keys the seed's audited imports need.
const app = await buildApp({ ...deps, logLevel: 'warn' });
await seedDemoRegion(deps);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'dag@tangenborgh.demo', password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
const org = await db.selectFrom('organisation').select('id').where('name', '=', 'Tangenborgh').executeTakeFirstOrThrow();
const ids = (await db.selectFrom('client').select('id').where('organisation_id', '=', org.id).execute()).map((r) => r.id);
const pages = Math.max(1, Math.floor(ids.length / 20));
const fhirPages = Array.from({ length: pages }, (_, i) => `/fhir/R4/Patient?_count=20&_offset=${i * 20}`);

console.log(`${ids.length} clients; ${concurrency} concurrent requests for ${seconds} s each; ${os.cpus().length} cores; load before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
const http = (extra: object) => runWorker({ mode: 'http', seconds, concurrency, ids, url: address, cookie, ...extra });
const rows: [string, WorkerResult][] = [
  ['REST night summary `GET /api/clients/:id/night-summary`', await runWorker({ mode: 'http', seconds, concurrency, ids: ids.map((id) => `${id}/night-summary`), url: address, cookie })],
  ['REST client record `GET /api/clients/:id`', await http({})],
  ['FHIR Patient read `GET /fhir/R4/Patient/:id`', await http({ pathPrefix: '/fhir/R4/Patient/' })],
  ['REST search page `GET /api/clients?limit=20`', await http({ paths: ['/api/clients?limit=20'] })],
  ['FHIR search page `GET /fhir/R4/Patient?_count=20&_offset=…`', await http({ paths: fhirPages })],
];
const loadAfter = os.loadavg();

const fmt = (r: WorkerResult) => `| ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${r.errors} |`;
const report = [
  '# FHIR API: Patient read and search page beside the REST reads',
  '',
  `Command: \`npm run bench:fhir -- --seconds=${seconds} --concurrency=${concurrency}\`. Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; server, PostgreSQL and the load process share them.`,
  `How busy the machine was: load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(2)).join(', ')} before the run and ${loadAfter.map((l) => l.toFixed(2)).join(', ')} after it (the run itself adds about 2).`,
  `Reads pick random clients among ${ids.length} of one organisation (Tangenborgh's day coordinator, session cookie), ${concurrency} requests in flight from a separate load process. Every read decides access and commits its audit entry first; the search audits each client on its page (20).`,
  '',
  '| what | requests/s | p50 ms | p99 ms | max ms | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(([what, r]) => `| ${what} ${fmt(r)}`),
  '',
  `FHIR Patient read / REST night summary: **${(((rows[2]?.[1].rps ?? 0) / (rows[0]?.[1].rps ?? 1)) * 100).toFixed(1)} %**. FHIR search page / REST search page: **${(((rows[4]?.[1].rps ?? 0) / (rows[3]?.[1].rps ?? 1)) * 100).toFixed(1)} %**.`,
  '',
].join('\n');
console.log(report);
await fs.mkdir(path.join(here, 'results'), { recursive: true });
await fs.writeFile(path.join(here, 'results', 'fhir.md'), report);
await app.close();
await db.destroy();
await scratch.drop();
