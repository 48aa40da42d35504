// `npm run bench:soak -- --minutes=10`: a soak (issue 15, item 10). Two instances on one scratch
// PostgreSQL take 20 DC-09 alarms/s from a transmitter pool that has both as primary and secondary
// receiver; every one to two minutes a random instance is killed with SIGKILL and restarted a few
// seconds later. Per minute: alarms sent and ACKed, ACK latency, the instances' RSS; at the end, alarms
// lost (ACKed but not stored) and stored twice. Writes bench/results/soak.md.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { dc09DedupKey, encodeFrame } from '../src/modules/nightcare/index.js';
import { createDb, startScratchDatabase } from '../src/platform/db/index.js';
import { freePort } from '../src/platform/net/index.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';
import { SETUP } from '../test/support/world.js';
import { Dc09Sender, type Delivery } from './dc09-sender.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const minutes = Number(args.get('minutes') ?? 3);
const rate = Number(args.get('rate') ?? 20);
/** Seconds between kills: a random pause in this range. */
const killEvery = (args.get('kill-every') ?? '60-120').split('-').map(Number) as [number, number];
const downSeconds = 5;
const here = path.dirname(fileURLToPath(import.meta.url));

const scratch = await startScratchDatabase('soak');
const db = createDb(scratch.url, 4).db;
const allianceId = await createAlliance(db, SETUP, { name: 'Soak alliance', region: 'Soak' });
await createOrganisation(db, SETUP, { allianceId, name: 'Soak care', kind: 'care_provider' });
const secretKey = randomBytes(32).toString('hex');

interface Instance {
  name: 'a' | 'b';
  dc09: number;
  http: number;
  server?: ServerProcess;
  /** The highest RSS (MiB) seen per minute, across restarts. */
  rss: Map<number, number>;
  restarts: number;
}
const instances: Instance[] = [];
for (const name of ['a', 'b'] as const) instances.push({ name, dc09: await freePort(), http: await freePort(), rss: new Map(), restarts: 0 });

const start = (instance: Instance) =>
  startServerProcess({
    DATABASE_URL: scratch.appUrl,
    DATABASE_OWNER_URL: scratch.url,
    SEED_DEMO: 'false',
    HOST: '127.0.0.1',
    PORT: String(instance.http),
    DC09_PORT: String(instance.dc09),
    DC09_ALLIANCE_ID: allianceId,
    SECRET_KEY: secretKey,
    DATA_DIR: path.join(scratch.dir, instance.name),
    LOG_LEVEL: 'error',
  });
for (const instance of instances) instance.server = await start(instance);

const began = performance.now();
const minuteOf = (at: number) => Math.floor((at - began) / 60_000);
const rssMiB = async (pid: number | undefined) => {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const rssTimer = setInterval(() => {
  for (const instance of instances) {
    if (!instance.server?.alive) continue;
    void rssMiB(instance.server.child.pid).then((mib) => {
      const minute = minuteOf(performance.now());
      instance.rss.set(minute, Math.max(instance.rss.get(minute) ?? 0, mib));
    });
  }
}, 5000);

const kills: { minute: number; name: string; readyAfterMs: number }[] = [];
let chaos = Promise.resolve();
let nextKill = began + 1000 * (killEvery[0] + Math.random() * (killEvery[1] - killEvery[0]));

const sender = new Dc09Sender({ host: '127.0.0.1', port: instances[0]!.dc09, secondary: { host: '127.0.0.1', port: instances[1]!.dc09 }, connections: 8, ackTimeoutMs: 2000, retryDelayMs: 100 });
const prefix = randomBytes(2).toString('hex').toUpperCase();
const sent: { key: string; delivery: Promise<Delivery> }[] = [];
const total = minutes * 60 * rate;
console.log(`soak: ${minutes} min at ${rate} alarms/s over two instances (tcp ${instances.map((i) => i.dc09).join(', ')}), SIGKILL of one every ${killEvery.join('–')} s`);
for (let i = 0; i < total; i++) {
  const due = began + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const account = `${prefix}${i.toString(16).toUpperCase().padStart(6, '0')}`;
  const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
  const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account, data: `#${account}|1101 01 001`, timestamp });
  sent.push({ key: dc09DedupKey({ account, sequence: '0001', timestamp }, timestamp), delivery: sender.send({ frame, account, sequence: '0001' }) });
  if (performance.now() >= nextKill) {
    nextKill = performance.now() + 1000 * (killEvery[0] + Math.random() * (killEvery[1] - killEvery[0]));
    const victim = instances[Math.floor(Math.random() * instances.length)]!;
    chaos = chaos.then(async () => {
      const minute = minuteOf(performance.now());
      await victim.server?.kill();
      console.log(`minute ${minute}: killed ${victim.name}`);
      await new Promise((resolve) => setTimeout(resolve, downSeconds * 1000));
      const restartedAt = performance.now();
      victim.server = await start(victim);
      victim.restarts++;
      kills.push({ minute, name: victim.name, readyAfterMs: performance.now() - restartedAt });
    });
  }
}
const deliveries = await Promise.all(sent.map((s) => s.delivery));
await chaos;
clearInterval(rssTimer);
sender.close();

const rows = await db.selectFrom('alarm').select('dedup_key').where('alliance_id', '=', allianceId).where('account', 'like', `${prefix}%`).execute();
const stored = new Map<string, number>();
for (const row of rows) stored.set(row.dedup_key, (stored.get(row.dedup_key) ?? 0) + 1);
const acked = sent.filter((_, i) => deliveries[i]!.kind === 'ack');
const lost = acked.filter((s) => !stored.has(s.key)).length;
const duplicates = [...stored.values()].filter((n) => n > 1).length;

const perMinute = Array.from({ length: minutes }, (_, minute) => {
  const inMinute = deliveries.filter((d) => minuteOf(d.firstSentAt) === minute);
  const latencies = inMinute.map((d) => d.repliedAt - d.firstSentAt).sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const resent = inMinute.filter((d) => d.attempts > 1).length;
  const rss = instances.map((inst) => (inst.rss.get(minute) ?? 0).toFixed(0)).join(' / ');
  const killed = kills.filter((k) => k.minute === minute).map((k) => `${k.name} (back in ${(k.readyAfterMs / 1000).toFixed(1)} s)`).join(', ');
  return `| ${minute + 1} | ${inMinute.length} | ${inMinute.filter((d) => d.kind === 'ack').length} | ${resent} | ${q(0.5).toFixed(1)} | ${q(0.99).toFixed(0)} | ${(latencies.at(-1) ?? 0).toFixed(0)} | ${rss} | ${killed} |`;
});

const report = [
  '# Soak: 20 DC-09 alarms/s over two instances with random kills',
  '',
  `Command: \`npm run bench:soak -- --minutes=${minutes}\`. Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, **shared with seven other engineers' builds and tests while this ran** (latencies include their load). ${new Date().toISOString().slice(0, 16)} UTC.`,
  `Two server processes (src/main.ts) on one embedded PostgreSQL; a pool of 8 transmitter connections with A as primary and B as secondary receiver (a missed ACK within 2 s switches to the other; an unACKed message is resent byte for byte). Every ${killEvery.join('–')} s a random instance got SIGKILL and was restarted ${downSeconds} s later.`,
  '',
  `**${total} alarms sent, ${acked.length} ACKed, ${lost} lost (ACKed but not stored), ${duplicates} stored twice**; ${rows.length} alarms stored; ${kills.length} kills; ${sender.retries} resends, ${sender.failovers} switches between receivers.`,
  '',
  '| minute | sent | ACKed | resent | ACK p50 ms | p99 ms | max ms | RSS MiB A / B (max) | killed (restart to DC-09 ready) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ...perMinute,
  '',
  'Latency is from the first send of an alarm to its ACK, so an alarm sent to a killed instance counts the missed-ACK timeout and the resend to the other one. RSS is the highest VmRSS of each instance in the minute (a restarted instance starts afresh).',
  '',
];
await fs.writeFile(path.join(here, 'results', 'soak.md'), report.join('\n'));
console.log(report.join('\n'));
for (const instance of instances) await instance.server?.kill();
await db.destroy();
await scratch.drop();
process.exit(lost === 0 && duplicates === 0 ? 0 : 1);
