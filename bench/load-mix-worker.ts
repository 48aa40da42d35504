// The load process of `npm run bench:load`: sends a weighted mix of requests at a fixed arrival rate
// (open loop: a request is due at its time whether or not earlier ones have answered, so a slow server
// shows as latency instead of quietly lowering the rate) and prints one JSON line of figures. The first
// `leadInSeconds` run at the same rate unrecorded: a fresh load process's cold code and new connections
// are not the server's steady state (they put up to 400 ms on the first second of every step).
// Usage: tsx bench/load-mix-worker.ts <json config>
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface MixRequest {
  kind: string;
  weight: number;
  method: 'GET' | 'POST' | 'PATCH';
  /** In the path, body and header values `{id}` becomes a random one of `ids`, `{uuid}` a fresh UUID (idempotency keys). */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface MixConfig {
  url: string;
  rate: number;
  seconds: number;
  /** Sent at the rate before the measured seconds, not recorded. */
  leadInSeconds: number;
  ids: string[];
  mix: MixRequest[];
}

export interface KindFigures {
  count: number;
  errors: number;
  p50: number;
  p99: number;
}

export interface MixResult {
  sent: number;
  errors: number;
  /** Answered requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  kinds: Record<string, KindFigures>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as MixConfig;
const totalWeight = config.mix.reduce((sum, r) => sum + r.weight, 0);
const pickRequest = (): MixRequest => {
  let x = Math.random() * totalWeight;
  for (const r of config.mix) if ((x -= r.weight) < 0) return r;
  return config.mix[0] as MixRequest;
};
const fill = (text: string) => text.replace(/\{id\}/g, () => config.ids[Math.floor(Math.random() * config.ids.length)] ?? '').replace(/\{uuid\}/g, () => randomUUID());

const pool = new Pool(config.url, { connections: 128, pipelining: 1 });
const latencies = new Map<string, number[]>();
const errors = new Map<string, number>();
const all: number[] = [];

async function one(request: MixRequest, dueAt: number, recorded: boolean): Promise<void> {
  const body = request.body === undefined ? undefined : fill(JSON.stringify(request.body));
  const status = await pool
    .request({ method: request.method, path: fill(request.path), headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v)])) }, ...(body ? { body } : {}) })
    .then(async (response) => {
      await response.body.dump();
      return response.statusCode;
    })
    .catch(() => 0);
  // From when it was due, not when it left: waiting for a free connection is part of the latency.
  const ms = performance.now() - dueAt;
  if (!recorded) return;
  if (status >= 200 && status < 300) {
    const list = latencies.get(request.kind) ?? [];
    list.push(ms);
    latencies.set(request.kind, list);
    all.push(ms);
  } else errors.set(request.kind, (errors.get(request.kind) ?? 0) + 1);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const leadIn = Math.round(config.rate * config.leadInSeconds);
const total = Math.round(config.rate * config.seconds);
const origin = performance.now();
const started = origin + (leadIn * 1000) / config.rate;
const inFlight: Promise<void>[] = [];
for (let i = 0; i < leadIn + total; i++) {
  const dueAt = origin + (i * 1000) / config.rate;
  const wait = dueAt - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inFlight.push(one(pickRequest(), dueAt, i >= leadIn));
}
await Promise.all(inFlight);
const elapsed = (performance.now() - started) / 1000;
await pool.close();

all.sort((a, b) => a - b);
const kinds: Record<string, KindFigures> = {};
for (const r of config.mix) {
  const list = (latencies.get(r.kind) ?? []).sort((a, b) => a - b);
  kinds[r.kind] = { count: list.length, errors: errors.get(r.kind) ?? 0, p50: quantile(list, 0.5), p99: quantile(list, 0.99) };
}
const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
const result: MixResult = { sent: total, errors: errorCount, rps: all.length / elapsed, p50: quantile(all, 0.5), p99: quantile(all, 0.99), max: all.at(-1) ?? 0, kinds };
console.log(JSON.stringify(result));
