// `npm run cluster`: two instances on one PostgreSQL behind a local load balancer (README, "Two or more
// instances"). The database is DATABASE_URL's (with DATABASE_OWNER_URL for migrations) or the embedded
// one in DATA_DIR, started here and shared by both. Each instance has its own DC-09 port: transmitters
// are configured with both, as primary and secondary receiver, and need no balancer.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureAppLogin, migrate, withCredentials } from '../src/platform/db/index.js';
import { startBalancer } from './balancer.js';
import { databaseTarget } from './database-target.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 3000);
const INSTANCES = [
  { name: 'a', http: PORT + 1, dc09: Number(process.env.DC09_PORT ?? 9104) },
  { name: 'b', http: PORT + 2, dc09: Number(process.env.DC09_PORT ?? 9104) + 1 },
];

const target = await databaseTarget();
let appUrl = process.env.DATABASE_URL;
if (!appUrl) {
  // As `npm start` does for the embedded database: migrate as the owner, run as a login that owns nothing.
  await migrate(target.url);
  await ensureAppLogin(target.url, 'samenzorg_web', 'samenzorg-app-local');
  appUrl = withCredentials(target.url, 'samenzorg_web', 'samenzorg-app-local');
}

const children: ChildProcess[] = [];
function startInstance(instance: (typeof INSTANCES)[number], seed: boolean): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: appUrl,
      DATABASE_OWNER_URL: target.url,
      HOST,
      PORT: String(instance.http),
      DC09_PORT: String(instance.dc09),
      // One hop: the balancer below.
      TRUST_PROXY_HOPS: '1',
      SEED_DEMO: seed ? (process.env.SEED_DEMO ?? 'true') : 'false',
    },
  });
  children.push(child);
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${instance.name}] `)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Samenzorg is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`instance ${instance.name} exited (${code ?? 'signal'}) while starting`)));
  });
}

// The first instance seeds the demo region (once); the second starts when it is up.
await startInstance(INSTANCES[0]!, true);
await startInstance(INSTANCES[1]!, false);
const balancer = await startBalancer(INSTANCES.map((i) => ({ host: HOST, port: i.http })), { host: HOST, port: PORT });
console.log(`\nLoad balancer at http://${HOST}:${balancer.port} over instances ${INSTANCES.map((i) => i.http).join(' and ')}`);
console.log(`DC-09: primary receiver tcp/udp ${INSTANCES[0]!.dc09}, secondary ${INSTANCES[1]!.dc09}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await balancer.close();
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  await target.release();
  process.exit(0);
};
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
