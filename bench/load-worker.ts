// A separate process that drives load, so the load generator does not share the server's event loop.
// Usage: tsx bench/load-worker.ts <json config>; prints one JSON line with counts and latencies.
import pg from 'pg';
import { Pool } from 'undici';

interface Config {
  mode: 'http' | 'pg';
  seconds: number;
  concurrency: number;
  ids: string[];
  /** http: base URL and session cookie; pg: connection string. */
  url: string;
  /** http: the path before the client id; default the API's client-record route. */
  pathPrefix?: string;
  /** http: whole paths to pick from instead (search pages); `ids` is then unused. */
  paths?: string[];
  cookie?: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const latencies: number[] = [];
let errors = 0;
const until = performance.now() + config.seconds * 1000;
const pick = () => config.ids[Math.floor(Math.random() * config.ids.length)] ?? '';

async function httpLoop(pool: Pool): Promise<void> {
  const headers = config.cookie ? { cookie: config.cookie } : {};
  while (performance.now() < until) {
    const started = performance.now();
    const status = await pool
      .request({ method: 'GET', path: config.paths ? (config.paths[Math.floor(Math.random() * config.paths.length)] ?? '') : `${config.pathPrefix ?? '/api/clients/'}${pick()}`, headers })
      .then(async (response) => {
        await response.body.dump();
        return response.statusCode;
      })
      .catch(() => 0);
    if (status === 200) latencies.push(performance.now() - started);
    else errors++;
  }
}

async function pgLoop(pool: pg.Pool): Promise<void> {
  while (performance.now() < until) {
    const started = performance.now();
    const result = await pool.query('SELECT * FROM client WHERE id = $1', [pick()]).catch(() => undefined);
    if (result?.rowCount === 1) latencies.push(performance.now() - started);
    else errors++;
  }
}

const startedAt = performance.now();
if (config.mode === 'http') {
  // undici: a lean keep-alive client, so the load process takes as little of the shared cores as the pg client does.
  const pool = new Pool(config.url, { connections: config.concurrency });
  await Promise.all(Array.from({ length: config.concurrency }, () => httpLoop(pool)));
  await pool.close();
} else {
  const pool = new pg.Pool({ connectionString: config.url, max: config.concurrency });
  await Promise.all(Array.from({ length: config.concurrency }, () => pgLoop(pool)));
  await pool.end();
}
const elapsed = (performance.now() - startedAt) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({ ok: latencies.length, errors, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 }));
