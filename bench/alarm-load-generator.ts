/**
 * DC-09 load generator, run as its own process by bench/alarms.ts (or by hand against a server):
 *   tsx bench/alarm-load-generator.ts --port 9104 [--host 127.0.0.1] [--rate 100] [--seconds 60]
 *     [--clients 100000] [--connections 32] [--out file.json]
 * Sends ADM-CID alarms at a fixed rate (open loop: alarm k is due at k/rate s, whatever happened to
 * the ones before) for the accounts benchAccount(0..clients-1): 80 % personal emergency, 10 % medical,
 * 10 % low battery. Measures each alarm from frame written to ACK read, and writes every alarm's dedup
 * key and outcome to --out so the caller can check the database.
 */
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dc09DedupKey, encodeFrame } from '../src/modules/nightcare/index.js';
import { Dc09Sender, type Delivery } from './dc09-sender.js';

/** The alarm account of bench client i: six or more hex digits, unique per client. */
export const benchAccount = (i: number): string => (0x100000 + i).toString(16).toUpperCase();

export interface AlarmRecord {
  dedupKey: string;
  kind: 'ack' | 'duh' | 'none';
  attempts: number;
  /** Frame written → ACK read, for the attempt that was answered. */
  latencyMs: number;
  /** Due time → ACK read: includes waiting for a free connection and any retries. */
  fromDueMs: number;
}

export interface LoadResult {
  rate: number;
  seconds: number;
  clients: number;
  connections: number;
  elapsedSeconds: number;
  retries: number;
  records: AlarmRecord[];
}

const EVENTS = ['1101 01 001', '1101 01 001', '1101 01 001', '1101 01 001', '1101 01 001', '1101 01 001', '1101 01 001', '1101 01 001', '1100 01 002', '1302 00 000'];

export async function generateLoad(options: { host: string; port: number; rate: number; seconds: number; clients: number; connections: number }): Promise<LoadResult> {
  const sender = new Dc09Sender({ host: options.host, port: options.port, connections: options.connections, ackTimeoutMs: 5000 });
  const total = Math.round(options.rate * options.seconds);
  const start = performance.now() + 50;
  const deliveries: Promise<AlarmRecord>[] = [];
  // A stride coprime with the client count walks every account once before any repeats.
  let stride = 7919;
  while (gcd(stride, options.clients) !== 1) stride++;
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const account = benchAccount((k * stride) % options.clients);
    const sequence = String(1 + (Math.floor(k / options.clients) % 9999)).padStart(4, '0');
    // DC-09 timestamps have whole seconds; the receiver's dedup key uses the parsed time.
    const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
    const frame = encodeFrame({ token: 'ADM-CID', sequence, line: '0', account, data: `#${account}|${EVENTS[k % EVENTS.length] ?? ''}`, timestamp });
    const dedupKey = dc09DedupKey({ account, sequence, timestamp }, timestamp);
    deliveries.push(sender.send({ frame, account, sequence }).then((d: Delivery) => ({
      dedupKey,
      kind: d.kind,
      attempts: d.attempts,
      latencyMs: d.repliedAt - d.sentAt,
      fromDueMs: d.repliedAt - due,
    })));
  }
  const records = await Promise.all(deliveries);
  const elapsedSeconds = (performance.now() - start) / 1000;
  sender.close();
  return { ...options, elapsedSeconds, retries: sender.retries, records };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '60' },
      clients: { type: 'string', default: '100000' },
      connections: { type: 'string', default: '32' },
      out: { type: 'string' },
    },
  });
  if (!values.port) throw new Error('--port is required');
  const result = await generateLoad({
    host: values.host,
    port: Number(values.port),
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    clients: Number(values.clients),
    connections: Number(values.connections),
  });
  if (values.out) await fs.writeFile(values.out, JSON.stringify(result));
  const acked = result.records.filter((r) => r.kind === 'ack');
  const sorted = acked.map((r) => r.latencyMs).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  console.log(`sent ${result.records.length}, ACKed ${acked.length}, retries ${result.retries}; p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
