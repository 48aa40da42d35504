// `npm run bench:api`: request rate of an access-checked, audited client-record read over HTTP, against
// the rate of a bare PostgreSQL primary-key select of the same rows, on the same machine.
// Target (DESIGN.md §7): the API read reaches at least 50 % of the bare select's rate.
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
const seconds = Number(args.get('seconds') ?? 15);
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

const scratch = await startScratchDatabase('bench-api');
const url = scratch.url;
const secretBox = new SecretBox('11'.repeat(32));
// The seed below writes audit entries before the app exists: the handle carries the app's keys.
const db = withAuditKeys(createDb(url, 20).db, auditKeysFrom(secretBox));
const deps = { db, readDb: db, secretBox, databaseUrl: url, mailer: createMailer(db, { from: 'bench@localhost', publicUrl: 'http://localhost' }) };
await seedDemoRegion(deps);
const app = await buildApp({ ...deps, logLevel: 'warn' });
// The HTTP ceiling on this machine: the same primary-key select behind a bare route (no session, no access, no audit).
app.get('/bench/bare-client/:id', { schema: { hide: true } }, async (request) => {
  const { id } = request.params as { id: string };
  return db.selectFrom('client').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'dag@tangenborgh.demo', password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
const org = await db.selectFrom('organisation').select('id').where('name', '=', 'Tangenborgh').executeTakeFirstOrThrow();
const ids = (await db.selectFrom('client').select('id').where('organisation_id', '=', org.id).execute()).map((r) => r.id);

console.log(`${ids.length} clients; ${concurrency} concurrent requests for ${seconds} s each; ${os.cpus().length} cores`);
const bare = await runWorker({ mode: 'pg', seconds, concurrency, ids, url });
const bareHttp = await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, pathPrefix: '/bench/bare-client/' });
const api = await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, cookie });
const ratio = api.rps / bare.rps;
const auditRows = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'read').executeTakeFirstOrThrow();

const fmt = (r: WorkerResult) => `| ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${r.errors} |`;
const report = [
  '# API under load: client-record read vs bare primary-key select',
  '',
  `Command: \`npm run bench:api -- --seconds=${seconds} --concurrency=${concurrency}\`. Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; server, PostgreSQL and the load process share them.`,
  `Every run reads random clients among ${ids.length} of one organisation, ${concurrency} requests in flight, from a separate load process (a pg pool for the bare select, an undici keep-alive pool for HTTP). The API read is GET /api/clients/:id with a session cookie: session lookup, access decision, an audit entry committed before the read (sealed into the hash chain in the background), the record and its contacts.`,
  '',
  '| what | requests/s | p50 ms | p99 ms | max ms | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| bare \`SELECT * FROM client WHERE id = $1\` ${fmt(bare)}`,
  `| the same select behind a bare HTTP route (no session, access or audit) ${fmt(bareHttp)}`,
  `| API client-record read ${fmt(api)}`,
  '',
  `API rate / bare rate: **${(ratio * 100).toFixed(1)} %** (target ≥ 50 %). API rate / bare HTTP route: ${((api.rps / bareHttp.rps) * 100).toFixed(1)} %. Audit entries written for reads: ${Number(auditRows.n)}.`,
  '',
].join('\n');
console.log(report);
await fs.mkdir(path.join(here, 'results'), { recursive: true });
await fs.writeFile(path.join(here, 'results', 'api.md'), report);
await app.close();
await db.destroy();
await scratch.drop();
