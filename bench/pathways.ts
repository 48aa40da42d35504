/**
 * `npm run bench:pathways [-- --persons 100000 --tasks-per-person 10 --requests 100 --writes 1000 --concurrency 4]`
 * The care pathways dashboard (DESIGN.md §7: p95 < 500 ms over 100,000 persons and 1,000,000 tasks).
 * Builds, with SQL generate_series in a scratch database, an alliance of five care organisations and
 * three partners: 110,000 persons (clients over 60 postcode areas, aged 60–100), 100,000 of them with a
 * circle (an informal member each, a plan with 1–4 goals, 60 % with a rating) and 10 tasks per circle
 * over three years (40 % pathway steps with their norms, 30 % by family and neighbours, 30 % by
 * organisations, most done, half of the professional ones with minutes). Then times the dashboard
 * over HTTP, GET /api/evaluation as an alliance administrator, through the whole server (session,
 * role check, the seven statements over the roll-ups of migration 0037, JSON), each request computed
 * (nothing is stored between requests). Also times the roll-ups' fill from scratch and what their
 * triggers cost a write: tasks completed per second with and without them. Results in
 * bench/results/pathways.md.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { createAlliance, createOrganisation, createStaff } from '../src/modules/alliance/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import { auditKeysFrom, withAuditKeys } from '../src/platform/audit/index.js';
import { currentTotp, newTotpSecret } from '../src/platform/auth/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { createMailer } from '../src/platform/mail/index.js';
import { evaluationStatements } from '../src/modules/circles/index.js';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '100000' }, 'tasks-per-person': { type: 'string', default: '10' }, requests: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '4' }, writes: { type: 'string', default: '1000' } } });
const PERSONS = Number(values.persons);
const TASKS_PER_PERSON = Number(values['tasks-per-person']);
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const WRITES = Number(values.writes);
/** The roll-ups' triggers (migration 0037): off while the world is bulk-written, then the roll-ups are filled in one pass. */
const TRIGGERS = [
  ['client', 'evaluation_client_changed'],
  ['circle', 'evaluation_circle_changed'],
  ['circle_plan_version', 'evaluation_plan_added'],
  ['circle_task', 'evaluation_task_changed'],
] as const;
const setTriggers = async (owner: Db, on: boolean, only?: string) => {
  for (const [table, trigger] of TRIGGERS) if (!only || only === table) await sql`ALTER TABLE ${sql.table(table)} ${sql.raw(on ? 'ENABLE' : 'DISABLE')} TRIGGER ${sql.ref(trigger)}`.execute(owner);
};
const TARGET_P95_MS = 500;
const PASSWORD = 'bench-password-long-enough';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) ?? NaN };
};

/** The world, written in a few set-based statements on one connection (setseed makes it the same every run). */
async function buildWorld(owner: Db, secretBox: SecretBox) {
  const actor = bootstrapActor('benchmark');
  const allianceId = await createAlliance(owner, actor, { name: 'Bench pathways', region: 'Drenthe' });
  const keepers: string[] = [];
  for (let i = 1; i <= 5; i++) keepers.push(await createOrganisation(owner, actor, { allianceId, name: `Zorg ${i}`, kind: 'care_provider' }));
  const partners = [
    await createOrganisation(owner, actor, { allianceId, name: 'Huisartsen', kind: 'gp_post' }),
    await createOrganisation(owner, actor, { allianceId, name: 'Ziekenhuis', kind: 'hospital' }),
    await createOrganisation(owner, actor, { allianceId, name: 'Gemeente', kind: 'municipality' }),
  ];
  const owners = [...keepers, ...partners];
  const email = `bench-admin-${Date.now()}@bench.example`;
  const userId = await createStaff(owner, actor, keepers[0] ?? '', { email, name: 'Bench admin', password: PASSWORD, roles: ['alliance_admin'] });
  const totpSecret = newTotpSecret();
  await owner.updateTable('app_user').set({ totp_secret_enc: secretBox.seal(totpSecret), totp_enabled: true }).where('id', '=', userId).execute();

  const step = (label: string, started: number) => console.log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  let t0 = performance.now();
  await setTriggers(owner, false);
  await sql`SELECT setseed(0.42)`.execute(owner);
  const clients = Math.round(PERSONS * 1.1);
  await sql`
    INSERT INTO client (alliance_id, organisation_id, given_name, family_name, date_of_birth, street, house_number, postcode, city, municipality)
    SELECT ${allianceId}, (${keepers}::uuid[])[1 + i % 5], 'P', 'Persoon ' || i, date '1926-01-01' + (random() * 14600)::int, 'Straat', (i % 300)::text,
      (7800 + (i * 7919) % 60)::text || 'AB', 'Emmen', 'Emmen'
    FROM generate_series(1, ${clients}) i`.execute(owner);
  step(`${clients} clients`, t0);
  t0 = performance.now();
  await sql`
    INSERT INTO circle (alliance_id, organisation_id, client_id, opened_by_name, created_at)
    SELECT alliance_id, organisation_id, id, 'Bench', now() - random() * interval '1095 days' FROM client WHERE alliance_id = ${allianceId} ORDER BY id LIMIT ${PERSONS}`.execute(owner);
  await sql`INSERT INTO citizen (alliance_id, email, name) SELECT ${allianceId}, 'naaste-' || i || '-' || ${allianceId} || '@bench.example', 'Naaste ' || i FROM generate_series(1, ${PERSONS}) i`.execute(owner);
  await sql`
    WITH c AS (SELECT id, alliance_id, organisation_id, row_number() OVER (ORDER BY id) n FROM circle WHERE alliance_id = ${allianceId}),
         z AS (SELECT id, row_number() OVER (ORDER BY id) n FROM citizen WHERE alliance_id = ${allianceId})
    INSERT INTO circle_member (circle_id, alliance_id, organisation_id, kind, name, citizen_id, joined_at)
    SELECT c.id, c.alliance_id, c.organisation_id, CASE WHEN c.n % 3 = 0 THEN 'neighbour' ELSE 'family' END, 'Naaste', z.id, now() FROM c JOIN z USING (n)`.execute(owner);
  await sql`
    INSERT INTO circle_plan_version (circle_id, version, alliance_id, organisation_id, what_matters, goals, agreements, changed_fields, changed_by_name, changed_by_kind, changed_by_id, changed_at)
    SELECT c.id, 1, c.alliance_id, c.organisation_id, 'Thuis blijven',
      (SELECT jsonb_agg(jsonb_build_object('text', 'Doel ' || g, 'theme', 'living_at_home', 'met', random() < 0.6)) FROM generate_series(1, 1 + (abs(hashtext(c.id::text)) % 4)) g),
      '[]', ARRAY['goals'], 'Bench', 'staff', ${userId}, c.created_at + interval '1 day'
    FROM circle c WHERE c.alliance_id = ${allianceId}`.execute(owner);
  await sql`
    INSERT INTO circle_experience (circle_id, alliance_id, organisation_id, client_id, rating, given_by_kind, given_at)
    SELECT id, alliance_id, organisation_id, client_id, 1 + (random() * 4.99)::int % 5, 'person', now() - random() * interval '700 days'
    FROM circle WHERE alliance_id = ${allianceId} AND random() < 0.6`.execute(owner);
  step(`${PERSONS} circles with a member, a plan and (60 %) a rating`, t0);
  t0 = performance.now();
  // Per task: kind 0–3 a pathway step (norm 8 h – 14 days, done after 0.2–2.2 × the norm), 4–6 an
  // informal member's, 7–9 an organisation's; 85 % of those whose time has come are done.
  await sql`
    WITH steps(n, key, norm) AS (VALUES (0, 'home_care_visit', 24), (1, 'gp_follow_up', 168), (2, 'wmo_check', 336), (3, 'nurse_assessment', 8), (4, 'gp_review', 48),
      (5, 'action_plan_check', 168), (6, 'wishes_conversation', 72), (7, 'palliative_nursing', 48), (8, 'informal_support_plan', 168)),
    s AS (
      SELECT c.id AS circle_id, c.alliance_id, c.organisation_id, c.client_id, m.id AS member_id, k % 10 AS kind,
        floor(random() * 9)::int AS step_n, random() AS r_done, random() AS r_lead, floor(random() * 8)::int AS r_owner, random() AS r_effort,
        now() - random() * interval '1095 days' AS start
      FROM circle c JOIN circle_member m ON m.circle_id = c.id CROSS JOIN generate_series(1, ${TASKS_PER_PERSON}) k
      WHERE c.alliance_id = ${allianceId}),
    t AS (
      SELECT s.*, st.key, CASE WHEN s.kind < 4 THEN st.norm ELSE 48 END AS norm,
        s.start + (CASE WHEN s.kind < 4 THEN st.norm ELSE 48 END) * (0.2 + 2 * s.r_lead) * interval '1 hour' AS finish
      FROM s JOIN steps st ON st.n = s.step_n)
    INSERT INTO circle_task (circle_id, alliance_id, organisation_id, client_id, title, place, window_start, window_end, owner_organisation_id, owner_member_id,
      status, requested_by_name, pathway_step, accepted_at, done_at, effort_minutes)
    SELECT circle_id, alliance_id, organisation_id, client_id, coalesce(CASE WHEN kind < 4 THEN key END, 'Taak'), 'home', start, start + norm * interval '1 hour',
      CASE WHEN kind BETWEEN 4 AND 6 THEN NULL ELSE (${owners}::uuid[])[1 + r_owner] END, CASE WHEN kind BETWEEN 4 AND 6 THEN member_id END,
      CASE WHEN r_done < 0.85 AND finish < now() THEN 'done' ELSE 'requested' END, 'Bench', CASE WHEN kind < 4 THEN key END,
      CASE WHEN r_done < 0.85 AND finish < now() THEN start END, CASE WHEN r_done < 0.85 AND finish < now() THEN finish END,
      CASE WHEN r_done < 0.85 AND finish < now() AND kind NOT BETWEEN 4 AND 6 AND r_effort < 0.5 THEN 15 + (r_effort * 180)::int END
    FROM t`.execute(owner);
  step(`${PERSONS * TASKS_PER_PERSON} tasks`, t0);
  t0 = performance.now();
  // As autovacuum leaves a table in steady state: statistics and the visibility map (index-only scans).
  await sql`VACUUM ANALYZE`.execute(owner);
  step('vacuum analyze', t0);
  await setTriggers(owner, true);
  // The roll-ups from scratch, as after a bulk load or to check the triggers.
  t0 = performance.now();
  await sql`SELECT evaluation_rebuild(${allianceId}::uuid)`.execute(owner);
  const fill = performance.now() - t0;
  step('roll-ups filled', t0);
  await sql`VACUUM ANALYZE`.execute(owner);
  const rollupRows = await sql<{ rows: number }>`SELECT ((SELECT count(*) FROM evaluation_task_month) + (SELECT count(*) FROM evaluation_lead_month) + (SELECT count(*) FROM evaluation_lead_bucket)
    + (SELECT count(*) FROM evaluation_goal_month) + (SELECT count(*) FROM evaluation_circle_month) + (SELECT count(*) FROM evaluation_reach))::int AS rows`.execute(owner);
  const counts = await sql<{ tasks: number; done: number }>`SELECT count(*)::int AS tasks, count(*) FILTER (WHERE status = 'done')::int AS done FROM circle_task WHERE alliance_id = ${allianceId}`.execute(owner);
  return { allianceId, keepers, email, totpSecret, clients, tasks: counts.rows[0]?.tasks ?? 0, done: counts.rows[0]?.done ?? 0, fill, rollupRows: rollupRows.rows[0]?.rows ?? 0 };
}

/**
 * What the task trigger costs a write: requested tasks completed one UPDATE (one transaction) at a
 * time, by `workers` connections side by side, with the trigger on or off. Each run takes fresh tasks.
 */
async function completionsPerSecond(db: Db, taskIds: string[], workers: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < taskIds.length) {
        const id = taskIds[next++] ?? '';
        await sql`UPDATE circle_task SET status = 'done', accepted_at = now(), done_at = now() WHERE id = ${id}`.execute(db);
      }
    }),
  );
  return taskIds.length / ((performance.now() - started) / 1000);
}

const scratch = await startScratchDatabase('bench-pathways');
const secretBox = new SecretBox('22'.repeat(32));
const keys = auditKeysFrom(secretBox);
const { db: owner } = createDb(scratch.url, 1);
const appDb = withAuditKeys(createDb(scratch.appUrl, 10).db, keys);
const mailer = createMailer(appDb, { from: 'bench@localhost', publicUrl: 'http://localhost' });
const app = await buildApp({ db: appDb, readDb: appDb, secretBox, databaseUrl: scratch.appUrl, mailer, logLevel: 'warn', circles: { overdueSweep: false } });
try {
  console.log('building the world:');
  const world = await buildWorld(owner, secretBox);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: world.email, password: PASSWORD, totp: currentTotp(world.totpSecret) } });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const get = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${address}/api/evaluation${query}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /api/evaluation${query}: ${response.status}`);
    return performance.now() - started;
  };
  const today = new Date().toISOString().slice(0, 10);
  const quarter = new Date(Date.now() - 62 * 86_400_000).toISOString().slice(0, 10);
  const kinds = [
    { name: 'alliance, 12 months', what: 'the whole alliance over the default period (the page’s first view)', query: '' },
    { name: 'one organisation, 12 months', what: 'the persons of one of the five care organisations (about 20,000)', query: `?organisationId=${world.keepers[1] ?? ''}` },
    { name: 'alliance, last quarter', what: 'the whole alliance over the last three months (this one included)', query: `?from=${quarter}&to=${today}` },
  ];
  for (const kind of kinds) for (let i = 0; i < 5; i++) await get(kind.query);
  // Where the time goes: each statement of the whole-alliance view alone, median of 5.
  const month = (offset: number) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
  };
  const window = { allianceId: world.allianceId, scope: world.allianceId, fromMonth: month(-11), toMonth: month(1), endYear: new Date().getUTCFullYear(), timeZone: 'Europe/Amsterdam' };
  const statements: { name: string; ms: number }[] = [];
  for (const [name, run] of Object.entries(evaluationStatements)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await run(appDb, window);
      times.push(performance.now() - started);
    }
    statements.push({ name, ms: stats(times).p50 });
    console.log(`  ${name}: ${stats(times).p50.toFixed(1)} ms`);
  }
  const loadBefore = os.loadavg()[0] ?? 0;
  const rows: { name: string; what: string; s: ReturnType<typeof stats> }[] = [];
  // Every request computes the figures from the roll-ups: nothing is kept between requests.
  for (const kind of kinds) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push(await get(kind.query));
    const s = stats(times);
    rows.push({ name: kind.name, what: kind.what, s });
    console.log(`${kind.name}: p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} p99 ${s.p99.toFixed(1)} max ${s.max.toFixed(1)} ms`);
  }
  // Throughput: the three views in turn, CONCURRENCY requests in flight.
  const throughputStarted = performance.now();
  let next = 0;
  const concurrentTimes: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) concurrentTimes.push(await get(kinds[next++ % kinds.length]?.query ?? ''));
    }),
  );
  const throughput = REQUESTS / ((performance.now() - throughputStarted) / 1000);
  const concurrent = stats(concurrentTimes);
  const loadAfter = os.loadavg()[0] ?? 0;
  console.log(`${CONCURRENCY} in flight: ${throughput.toFixed(1)} requests/s, p50 ${concurrent.p50.toFixed(1)} p95 ${concurrent.p95.toFixed(1)} p99 ${concurrent.p99.toFixed(1)} ms`);
  // The write cost: completions per second with the task trigger and without, one at a time and CONCURRENCY side by side.
  const requested = (await sql<{ id: string }>`SELECT id FROM circle_task WHERE alliance_id = ${world.allianceId} AND status = 'requested' ORDER BY id LIMIT ${4 * WRITES}`.execute(owner)).rows.map((r) => r.id);
  const slice = (i: number) => requested.slice(i * WRITES, (i + 1) * WRITES);
  const writes = { withTrigger: [await completionsPerSecond(appDb, slice(0), 1), await completionsPerSecond(appDb, slice(1), CONCURRENCY)], withoutTrigger: [0, 0] };
  await setTriggers(owner, false, 'circle_task');
  writes.withoutTrigger = [await completionsPerSecond(appDb, slice(2), 1), await completionsPerSecond(appDb, slice(3), CONCURRENCY)];
  await setTriggers(owner, true, 'circle_task');
  const loadEnd = os.loadavg()[0] ?? 0;
  console.log(`completions/s with the trigger ${writes.withTrigger.map((x) => x.toFixed(0)).join(' / ')}, without ${writes.withoutTrigger.map((x) => x.toFixed(0)).join(' / ')} (1 / ${CONCURRENCY} connections)`);
  const f = (x: number) => x.toFixed(1);
  const verdict = (p95: number) => (p95 < TARGET_P95_MS ? 'met' : 'NOT met');
  const markdown = `# Care pathways dashboard (evaluation)

Command: \`npm run bench:pathways -- --persons ${PERSONS} --tasks-per-person ${TASKS_PER_PERSON} --requests ${REQUESTS} --writes ${WRITES} --concurrency ${CONCURRENCY}\`
Machine: ${os.cpus().length} cores, **shared with other engineers' work** (tests, builds, other benchmarks); 1-minute load average ${loadBefore.toFixed(2)} before the timed requests, ${loadAfter.toFixed(2)} after them, ${loadEnd.toFixed(2)} after the writes. Node ${process.version}, embedded PostgreSQL (fsync on); the server, PostgreSQL and the load share the cores.

## Set-up
- **${world.clients} persons** (clients over 60 postcode areas, aged 60–100), **${PERSONS} with a circle**: an informal member each (a third neighbours), a plan with 1–4 goals (60 % met), 60 % with a rating.
- **${world.tasks} tasks** (${world.done} done) over three years: 40 % pathway steps (nine steps, norms 8 h – 14 days, done after 0.2–2.2 × the norm), 30 % by family and neighbours, 30 % by eight organisations; half the professional done tasks with minutes.
- Written with SQL \`generate_series\` in a scratch database with the roll-ups' triggers off, then the roll-ups filled in one pass (\`evaluation_rebuild\`), then \`VACUUM ANALYZE\` (the steady state autovacuum keeps).
- Timed: \`GET /api/evaluation\` over HTTP from this process with an alliance administrator's session: session, role check, the nine statements (goals, ratings, tasks by who did them, hours per month, lead-time cells, the lead-time histogram of each of its three dimensions, reach), percentiles and persons read in the server, JSON. **Every request computes its figures**: nothing is stored between requests. One request at a time, ${REQUESTS} per view after 5 warm-up requests.
- **Which mechanism** (migration 0037): roll-ups per alliance × scope (the organisation keeping the circle, or the whole alliance) × month in the alliance's zone, kept current by triggers in the writing transaction: done tasks (counts, informal/professional, minutes), pathway steps per owning organisation × step, per postcode area and per birth year (steps, within norm, sum of lead times, a 8192-bit bitmap of the persons, and a lead-time histogram of 8 buckets per doubling from 7.5 min with count, sum, least and greatest per bucket), goals as changes per month, circles opened per month, and reach per postcode area and birth year × the month the circle opened. ${world.rollupRows} roll-up rows in all for this alliance.
- **What is exact and what is not**: periods are whole months (a date in a month takes the whole month). Counts, sums, shares, means, minutes, goals, reach and ratings are exact. Percentiles of lead times are read from the histogram: exact where the values around the percentile sit in a bucket of one or two, otherwise within that bucket (at most 9 %). Persons in a lead-time group are estimated from the bitmap (linear counting; about 1 % off at 10,000 persons); a group is shown only when the bits set reach the threshold, and the bits never exceed the persons, so suppression errs towards hiding. Ages are those reached in the year the period ends.

## Results (${new Date().toISOString().slice(0, 16)} UTC)
| view | what | p50 ms | p95 ms | p99 ms | max ms | target p95 < ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.what} | ${f(r.s.p50)} | ${f(r.s.p95)} | ${f(r.s.p99)} | ${f(r.s.max)} | ${verdict(r.s.p95)} |`).join('\n')}

Each statement of the whole-alliance view alone (median of 5, straight to PostgreSQL; the route runs them side by side on the pool):
${statements.map((st) => `- \`${st.name}\`: ${f(st.ms)} ms`).join('\n')}

Throughput with ${CONCURRENCY} requests in flight (the three views in turn): **${throughput.toFixed(1)} requests/s**, p50 ${f(concurrent.p50)} ms, p95 ${f(concurrent.p95)} ms, p99 ${f(concurrent.p99)} ms.

## The roll-ups' cost
- Fill from scratch (\`SELECT evaluation_rebuild(alliance)\`, over all ${world.done} done tasks, the plans, circles and clients): **${(world.fill / 1000).toFixed(1)} s**, one statement per table on one connection.
- A task completed (\`UPDATE circle_task SET status = 'done' …\`, one transaction each, ${WRITES} tasks per run): **${writes.withTrigger[0]?.toFixed(0)}/s with the trigger, ${writes.withoutTrigger[0]?.toFixed(0)}/s without** on one connection; ${writes.withTrigger[1]?.toFixed(0)}/s and ${writes.withoutTrigger[1]?.toFixed(0)}/s with ${CONCURRENCY} connections side by side (their completions share the alliance's row of the month, so they queue on its lock until each commits).
`;
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'pathways.md'), markdown);
} finally {
  await app.close();
  await mailer.close();
  await appDb.destroy();
  await owner.destroy();
  await scratch.drop();
}
