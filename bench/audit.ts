// `npm run bench:audit -- --rows=10000000`: the audit log at scale (issue 15, item 6). Fills a scratch
// database with five years of entries (generate_series, in the monthly partitions of migration 0033),
// then measures over HTTP a client's "who looked at my data" (< 2 s) and the organisation's filtered
// audit view (< 1 s), and the rate of audit writes on an empty and on the filled log (slowed < 10 %).
// Write rates are taken in alternating rounds (empty, filled, empty, ...; with and without the action
// indexes of migration 0040, ...), so that the shared machine's load, which drifts over minutes, falls on
// both sides alike instead of passing for an effect. Writes bench/results/audit.md.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { currentTotp } from '../src/platform/auth/index.js';
import { appendAudit, auditKeysFrom, startAuditSealer, withAuditKeys, type AuditEntry } from '../src/platform/audit/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { createMailer } from '../src/platform/mail/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoRegion } from '../src/seed/demo-region.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const totalRows = Number(args.get('rows') ?? 10_000_000);
const writeSeconds = Number(args.get('write-seconds') ?? 15);
const samples = Number(args.get('samples') ?? 30);
const here = path.dirname(fileURLToPath(import.meta.url));
const MONTHS = 60;
const BATCH = 500_000;

const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' ');
const scratch = await startScratchDatabase('bench-audit');
// A second, empty log on a server of its own, written in turn with the filled one.
const emptyScratch = await startScratchDatabase('bench-audit-empty');
const secretBox = new SecretBox('22'.repeat(32));
const keys = auditKeysFrom(secretBox);
const owner = createDb(scratch.url, 4).db;
const db = withAuditKeys(createDb(scratch.appUrl, 20).db, keys);
const emptyOwner = createDb(emptyScratch.url, 2).db;
const emptyDb = withAuditKeys(createDb(emptyScratch.appUrl, 10).db, keys);
const deps = { db, readDb: db, secretBox, databaseUrl: scratch.appUrl, mailer: createMailer(db, { from: 'bench@localhost', publicUrl: 'http://localhost' }) };
await seedDemoRegion(deps);
const app = await buildApp({ ...deps, logLevel: 'warn' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
// The app seals the filled log's new entries into the hash chain in the background; the empty log gets the
// same sealer, so that both sides of the write comparison do the same work per entry.
const stopEmptySealer = startAuditSealer(emptyDb, keys, { onError: (error) => console.error(error), onRejected: (ids) => console.error('rejected', ids) });

const org = await db
  .selectFrom('organisation as o')
  .innerJoin('alliance_membership as m', 'm.organisation_id', 'o.id')
  .select(['o.id', 'm.alliance_id'])
  .where('o.name', '=', 'Tangenborgh')
  .executeTakeFirstOrThrow();
const clients = (await db.selectFrom('client').select('id').where('organisation_id', '=', org.id).execute()).map((r) => r.id);
const organisations = (await db.selectFrom('organisation').select('id').execute()).map((r) => r.id);
const users = await db.selectFrom('app_user').select(['id', 'name']).execute();

/** Audit writes per second: single-entry inserts as the app makes them, 8 at a time. */
async function writeRate(target: Db, seconds: number): Promise<number> {
  const entry = (i: number): AuditEntry => ({
    allianceId: org.alliance_id, userId: users[i % users.length]!.id, userName: users[i % users.length]!.name, organisationId: org.id, role: 'nurse',
    clientId: clients[i % clients.length]!, clientOrganisationId: org.id, action: 'read', resource: 'night_summary', fields: [], purpose: 'assignment', reason: null, grantId: null, outcome: 'allowed',
  });
  let n = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (performance.now() < until) await appendAudit(target, [entry(n++)]);
  }));
  return n / ((performance.now() - started) / 1000);
}

/** Five years of entries: ids in time order as the app writes them; 2 % about this organisation's clients. */
async function fill(target: Db, rows: number): Promise<number> {
  const now = new Date();
  for (let m = 0; m <= MONTHS; m++) await sql`SELECT audit_create_partition('audit_log', ${new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1)).toISOString().slice(0, 10)}::date)`.execute(target);
  const started = performance.now();
  const span = MONTHS * 30 * 86_400;
  for (let from = 1; from <= rows; from += BATCH) {
    const to = Math.min(rows, from + BATCH - 1);
    // With placeholder seals in the same statement, so the sealer finds nothing to do for the filled
    // rows; the bench's chain is not meant to verify.
    await sql`
      WITH entry AS (
        INSERT INTO audit_log (at, alliance_id, user_id, user_name, organisation_id, role, client_id, client_organisation_id, action, resource, fields, purpose, outcome)
        SELECT now() - make_interval(secs => ${span}::float8 * (1 - i::float8 / ${rows})),
          ${org.alliance_id}::uuid, u.id, u.name, o.org, 'nurse',
          CASE WHEN i % 50 = 0 THEN (${clients}::uuid[])[1 + (i / 50) % ${clients.length}] ELSE md5('client ' || (i % 20011))::uuid END,
          CASE WHEN i % 50 = 0 THEN ${org.id}::uuid ELSE (${organisations}::uuid[])[1 + (i % 20011) % ${organisations.length}] END,
          (ARRAY['read','read','read','update','generate_report','emergency_access'])[1 + i % 6], 'night_summary', '{}', 'assignment',
          CASE WHEN i % 97 = 0 THEN 'refused' ELSE 'allowed' END
        FROM generate_series(${from}::bigint, ${to}::bigint) AS i
        CROSS JOIN LATERAL (SELECT (${organisations}::uuid[])[1 + (i / 7) % ${organisations.length}] AS org) o
        CROSS JOIN LATERAL (SELECT (${users.map((u) => u.id)}::uuid[])[1 + i % ${users.length}] AS id, (${users.map((u) => u.name)}::text[])[1 + i % ${users.length}] AS name) u
        RETURNING id, at)
      INSERT INTO audit_seal (audit_id, chain, seq, row_mac, prev_hash, hash, sealed_at)
      SELECT id, 'bench-fill', id, md5(id::text), '', '', at FROM entry`.execute(target);
    process.stdout.write(`\r${to.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  process.stdout.write('\n');
  const filled = (performance.now() - started) / 1000;
  // A log that grew over five years has been vacuumed as it grew; one filled in minutes has not, and
  // autovacuum would work through all of it (hint bits, visibility map) during the write rounds below.
  await sql`VACUUM (ANALYZE) audit_log`.execute(target);
  await sql`VACUUM (ANALYZE) audit_seal`.execute(target);
  await sql`CHECKPOINT`.execute(target);
  return filled;
}

async function session(email: string): Promise<string> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
  return String(login.headers['set-cookie']).split(';')[0] ?? '';
}

interface Timing {
  p50: number;
  p95: number;
  rows: number;
}

/** Sequential requests (latency, not throughput), each for a path from `paths` in turn. */
async function time(cookie: string, paths: string[]): Promise<Timing> {
  const took: number[] = [];
  let rows = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(`${address}${paths[i % paths.length]}`, { headers: { cookie } });
    const body = (await response.json()) as { items?: unknown[] };
    if (response.status !== 200) throw new Error(`${paths[i % paths.length]}: ${response.status} ${JSON.stringify(body)}`);
    took.push(performance.now() - started);
    rows += body.items?.length ?? 0;
  }
  took.sort((a, b) => a - b);
  return { p50: took[Math.floor(0.5 * took.length)]!, p95: took[Math.min(took.length - 1, Math.floor(0.95 * took.length))]!, rows: Math.round(rows / samples) };
}

console.log(`audit bench: ${totalRows.toLocaleString('en')} rows; ${os.cpus().length} cores`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = Number(args.get('rounds') ?? 5);
/** Rounds taken in turn on each side, the median per side. */
async function alternatingRates(sides: (() => Promise<number>)[]): Promise<{ median: number; rounds: number[] }[]> {
  const rounds: number[][] = sides.map(() => []);
  for (let i = 0; i < ROUNDS; i++) for (const [s, side] of sides.entries()) rounds[s]!.push(await side());
  return rounds.map((r) => ({ median: median(r), rounds: r }));
}

/** Migration 0040's indexes, dropped and made again on the parent (so on every month's partition). */
const ACTION_INDEXES = {
  drop: sql`DROP INDEX IF EXISTS audit_log_org_action, audit_log_client_org_action`,
  create: [sql`CREATE INDEX IF NOT EXISTS audit_log_org_action ON audit_log (organisation_id, action, id)`, sql`CREATE INDEX IF NOT EXISTS audit_log_client_org_action ON audit_log (client_organisation_id, action, id)`],
};
const withActionIndexes = async (target: Db) => {
  for (const statement of ACTION_INDEXES.create) await statement.execute(target);
};

// The write cost of the action indexes, on the empty log: with them, without them, in turn.
const [withIndexes, withoutIndexes] = await alternatingRates([
  async () => {
    await withActionIndexes(emptyOwner);
    return writeRate(emptyDb, writeSeconds);
  },
  async () => {
    await ACTION_INDEXES.drop.execute(emptyOwner);
    return writeRate(emptyDb, writeSeconds);
  },
]);
await withActionIndexes(emptyOwner);
console.log(`writes with the action indexes ${withIndexes!.median.toFixed(0)}/s, without ${withoutIndexes!.median.toFixed(0)}/s`);
const fillSeconds = await fill(owner, totalRows);
await sql`CHECKPOINT`.execute(emptyOwner);
const count = Number((await owner.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const partitions = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'audit_log'::regclass`.execute(owner)).rows[0]?.n);
const [beforeRounds, afterRounds] = await alternatingRates([() => writeRate(emptyDb, writeSeconds), () => writeRate(db, writeSeconds)]);
const before = beforeRounds!.median;
const after = afterRounds!.median;
console.log(`writes on the empty log ${before.toFixed(0)}/s, on the filled log ${after.toFixed(0)}/s`);

const admin = await session('admin@tangenborgh.demo');
const trailCounts = await owner.selectFrom('audit_log').select(['client_id', (eb) => eb.fn.countAll<string>().as('n')]).where('client_id', 'in', clients).groupBy('client_id').execute();
const trail = await time(admin, clients.map((id) => `/api/clients/${id}/audit`));
const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
const year = new Date(Date.now() - 400 * 86_400_000).toISOString();
const views: [string, string[]][] = [
  ['newest 50, no filter', ['/api/audit']],
  ['one client', clients.map((id) => `/api/audit?clientId=${id}`)],
  ['one user', users.map((u) => `/api/audit?userId=${u.id}`)],
  ['action emergency_access', ['/api/audit?action=emergency_access']],
  ['outcome refused', ['/api/audit?outcome=refused']],
  ['last week', [`/api/audit?from=${encodeURIComponent(week)}`]],
  ['a year ago, one week, refused', [`/api/audit?outcome=refused&from=${encodeURIComponent(year)}&to=${encodeURIComponent(new Date(Date.parse(year) + 7 * 86_400_000).toISOString())}`]],
  ['page 2 (keyset, before the newest page)', ['/api/audit?before=' + String(count - 5_000)]],
];
const viewTimings: [string, Timing][] = [];
for (const [label, paths] of views) viewTimings.push([label, await time(admin, paths)]);

/** The two walks of the organisation's view filtered by action, as the audit module's store writes them. */
const actionWalks = [
  sql`SELECT l.id FROM audit_log l WHERE l.organisation_id = ${org.id} AND l.action = 'emergency_access' ORDER BY l.id DESC LIMIT 50`,
  sql`SELECT l.id FROM audit_log l WHERE l.client_organisation_id = ${org.id} AND (l.organisation_id <> ${org.id} OR l.organisation_id IS NULL) AND l.action = 'emergency_access' ORDER BY l.id DESC LIMIT 50`,
];
/** EXPLAIN ANALYZE of both walks, trimmed to the plan's shape: the nodes above the partitions' scans and the first scan, and the totals. */
async function actionPlans(): Promise<string[]> {
  const plans: string[] = [];
  for (const walk of actionWalks) {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${walk}`.execute(owner);
    const lines = rows.map((r) => r['QUERY PLAN']);
    const scans = lines.filter((l) => /Scan/.test(l)).length;
    const shown = lines.slice(0, 12);
    plans.push([...shown, ...(lines.length > shown.length ? [`  ... (${lines.length} lines, ${scans} scan nodes over the partitions)`, ...lines.slice(-2)] : [])].join('\n'));
  }
  return plans;
}
const actionPath = ['/api/audit?action=emergency_access'];
const plansWith = await actionPlans();
await ACTION_INDEXES.drop.execute(owner);
const withoutActionIndexes = await time(admin, actionPath);
const plansWithout = await actionPlans();

const ms = (n: number) => n.toFixed(0);
/** `value` against `base`, as "x % slower" or "x % faster". */
const pct = (value: number, base: number) => {
  const slowdown = (1 - value / base) * 100;
  return slowdown >= 0 ? `${slowdown.toFixed(1)} % slower` : `${(-slowdown).toFixed(1)} % faster`;
};
const perClient = trailCounts.map((c) => Number(c.n)).sort((a, b) => a - b);
const report = [
  `# The audit log at ${count.toLocaleString('en')} entries`,
  '',
  `Command: \`npm run bench:audit -- --rows=${totalRows}\`. Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, other work on the machine competes for the cores (the load average below says how much). Server, embedded PostgreSQL ${(await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(owner)).rows[0]?.v ?? ''} (default settings) and the requests in one machine; ${new Date().toISOString().slice(0, 10)}; load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
  '',
  `The log held **${count.toLocaleString('en')} entries** in ${partitions} monthly partitions (five years and the months ahead), filled in ${fillSeconds.toFixed(0)} s with generate_series, each with a placeholder seal so the sealer had nothing left to do. One entry in fifty is about one of Tangenborgh's ${clients.length} clients (${perClient[0]}–${perClient.at(-1)} entries each), the rest spread over 20,011 other client ids and ${organisations.length} organisations; six actions, 1 % refused.`,
  '',
  '## Reads over HTTP (sequential, session of Tangenborgh\'s organisation administrator)',
  '',
  '| what | p50 ms | p95 ms | entries returned | target |',
  '| --- | ---: | ---: | ---: | --- |',
  `| a client's "who looked at my data" (GET /api/clients/:id/audit, the whole trail) | ${ms(trail.p50)} | ${ms(trail.p95)} | ${trail.rows} | < 2000 |`,
  ...viewTimings.map(([label, t]) => `| organisation's audit view: ${label} | ${ms(t.p50)} | ${ms(t.p95)} | ${t.rows} | < 1000 |`),
  '',
  `Each read is itself audited (the trail one entry, the view one per client on the page), committed before the answer, and included in the times. ${samples} requests per row.`,
  '',
  `The action filter without migration 0040's indexes (dropped for this row, same log, same session): p50 ${ms(withoutActionIndexes.p50)} ms, p95 ${ms(withoutActionIndexes.p95)} ms.`,
  '',
  '### Plans of the action filter (EXPLAIN ANALYZE, BUFFERS; the two walks the view merges)',
  '',
  'With the indexes `(organisation_id, action, id)` and `(client_organisation_id, action, id)`:',
  '',
  ...plansWith.flatMap((p) => ['```', p, '```']),
  '',
  'Without them, as before migration 0040:',
  '',
  ...plansWithout.flatMap((p) => ['```', p, '```']),
  '',
  '## Audit writes',
  '',
  `Single-entry inserts, 8 at a time, as the app writes them, each side's sealer linking the new entries into the hash chain in the background as the app's does; ${writeSeconds}-s rounds taken in turn (A, B, A, B, ..., ${ROUNDS} each), the median per side, so that the machine's drifting load falls on both sides alike. The filled log was vacuumed and checkpointed after the fill, as a log that grew over years would have been by autovacuum along the way.`,
  '',
  '| | entries/s, median | rounds |',
  '| --- | ---: | --- |',
  `| empty log, with the action indexes (migration 0040) | ${withIndexes!.median.toFixed(0)} | ${withIndexes!.rounds.map((r) => r.toFixed(0)).join(', ')} |`,
  `| empty log, without them | ${withoutIndexes!.median.toFixed(0)} | ${withoutIndexes!.rounds.map((r) => r.toFixed(0)).join(', ')} |`,
  `| empty log (a second server), in turn with the filled one | ${before.toFixed(0)} | ${beforeRounds!.rounds.map((r) => r.toFixed(0)).join(', ')} |`,
  `| filled log (${count.toLocaleString('en')} entries) | ${after.toFixed(0)} | ${afterRounds!.rounds.map((r) => r.toFixed(0)).join(', ')} |`,
  '',
  `Writes with the action indexes: ${pct(withIndexes!.median, withoutIndexes!.median)} than without; on the filled log: ${pct(after, before)} than on the empty one (target: not more than 10 % slower). An entry goes to the current month's partition, whose indexes stay a month's size however long the log grows.`,
  '',
];
await fs.writeFile(path.join(here, 'results', 'audit.md'), report.join('\n'));
console.log(report.join('\n'));
await app.close();
await db.destroy();
await owner.destroy();
await stopEmptySealer();
await emptyDb.destroy();
await emptyOwner.destroy();
await scratch.drop();
await emptyScratch.drop();
