/**
 * Set-up shared by the read benchmarks (`bench:api`, `bench:fhir`): their arguments, a scratch
 * database with the demo region, the app listening on loopback, a logged-in day coordinator and the
 * ids of that organisation's clients, and the load process that drives the requests.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.js';
import { currentTotp } from '../src/platform/auth/index.js';
import { auditKeysFrom, withAuditKeys } from '../src/platform/audit/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createMailer } from '../src/platform/mail/index.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { seedDemoRegion, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo-region.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ReadArgs {
  seconds: number;
  /** Requests in flight from the load process: the first of `concurrencies`. */
  concurrency: number;
  /** `--concurrency=16,32,64`: the levels a benchmark that climbs a ladder measures, in order. */
  concurrencies: number[];
}

/** `--seconds=N --concurrency=N[,N…]`; `--help` prints the usage and exits before anything starts, as does a value that is not a positive whole number. */
export function readArgs(command: string, defaults: { seconds: number; concurrency: number | number[] }, what: string): ReadArgs {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const defaultLevels = [defaults.concurrency].flat().join(',');
  const usage = `npm run ${command} -- [--seconds=${defaults.seconds}] [--concurrency=${defaultLevels}]\n\n${what}\nSeconds per measured read; requests in flight from the load process.`;
  if (args.has('help')) {
    console.log(usage);
    process.exit(0);
  }
  const seconds = Number(args.get('seconds') ?? defaults.seconds);
  const concurrencies = (args.get('concurrency') ?? defaultLevels).split(',').map(Number);
  if (![seconds, ...concurrencies].every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`--seconds and --concurrency take positive whole numbers.\n\n${usage}`);
    process.exit(2);
  }
  return { seconds, concurrency: concurrencies[0] ?? 1, concurrencies };
}

export interface WorkerResult {
  ok: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

/** One measurement in a separate load process (load-worker.ts), so the load does not share the server's event loop. */
export function runWorker(config: object): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-worker.ts'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerResult) : reject(new Error(`worker exited ${code}`))));
  });
}

/** A result as the columns `requests/s | p50 ms | p99 ms | max ms | errors` of the reports' tables. */
export const resultColumns = (r: WorkerResult) => `| ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${r.errors} |`;

export interface ReadWorld {
  db: Db;
  /** The scratch database's connection string, for the bare-select worker. */
  databaseUrl: string;
  /** Where the app listens. */
  address: string;
  /** The session cookie of Tangenborgh's day coordinator. */
  cookie: string;
  /** Tangenborgh's clients. */
  ids: string[];
  /** Writes `bench/results/<name>.md`, then stops the app and drops the database. */
  finish(name: string, report: string): Promise<void>;
}

/** The demo region in a scratch database and the app on loopback; `routes` adds a benchmark's own routes before it listens. */
export async function startReadWorld(name: string, routes?: (app: FastifyInstance, db: Db) => void, options: Pick<AppOptions, 'sessionCacheMs'> = {}): Promise<ReadWorld> {
  const scratch = await startScratchDatabase(name);
  const secretBox = new SecretBox('11'.repeat(32));
  // The seed writes audit entries before the app exists: the handle carries the app's keys.
  const db = withAuditKeys(createDb(scratch.url, 20).db, auditKeysFrom(secretBox));
  const deps = { db, readDb: db, secretBox, databaseUrl: scratch.url, mailer: createMailer(db, { from: 'bench@localhost', publicUrl: 'http://localhost' }) };
  await seedDemoRegion(deps);
  const app = await buildApp({ ...deps, ...options, logLevel: 'warn' });
  routes?.(app, db);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'dag@tangenborgh.demo', password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const org = await db.selectFrom('organisation').select('id').where('name', '=', 'Tangenborgh').executeTakeFirstOrThrow();
  const ids = (await db.selectFrom('client').select('id').where('organisation_id', '=', org.id).execute()).map((r) => r.id);
  return {
    db,
    databaseUrl: scratch.url,
    address,
    cookie,
    ids,
    async finish(result: string, report: string) {
      console.log(report);
      await fs.mkdir(path.join(here, 'results'), { recursive: true });
      await fs.writeFile(path.join(here, 'results', `${result}.md`), report);
      await app.close();
      await db.destroy();
      await scratch.drop();
    },
  };
}

/** Cores and memory, for the reports' machine line. */
export const machine = () => `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
