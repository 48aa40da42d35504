/**
 * `npm run bench:map [-- --initiatives 100000 --queries 1000]`
 * Network map search and map queries (DESIGN.md §7: p95 < 50 ms over 100,000 initiatives). Builds
 * 100,000 accepted initiatives over Drenthe's 12 municipalities in three networks (generated Dutch
 * titles and summaries, themes, stages, coordinates around the towns), then times what the public
 * routes run: the list (Dutch full-text search and filters, first page with the total) and the map
 * (cell sums zoomed out, points zoomed in), from the app's pool as the app's role. Results in
 * bench/results/map.md.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { addNetworkRegion, mapPoints, searchInitiatives, type SearchFilters } from '../src/modules/networkmap/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { seededRandom } from '../src/seed/demo-data.js';
import { networks } from '../src/seed/networkmap-regions.js';

const { values } = parseArgs({ options: { initiatives: { type: 'string', default: '100000' }, queries: { type: 'string', default: '1000' } } });
const INITIATIVES = Number(values.initiatives);
const QUERIES = Number(values.queries);
const TARGET_P95_MS = 50;
const random = seededRandom(14);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) ?? NaN };
};

// Words the generated texts are made of; searches use the same words, as people would.
const ACTIVITIES = ['Gespreksavonden', 'Wandelgroep', 'Mantelzorgcafé', 'Maatjesproject', 'Rouwcafé', 'Spreekuur', 'Huisbezoeken', 'Scholing', 'Inloophuis', 'Buurtnetwerk', 'Vrijwilligerspool', 'Informatiemarkt'];
const SUBJECTS = ['levenseinde', 'zingeving', 'eenzaamheid', 'dementie', 'rouw', 'mantelzorg', 'afscheid', 'laatste levensfase', 'palliatieve zorg', 'verlies'];
const AUDIENCES = ['ouderen', 'mantelzorgers', 'nabestaanden', 'vrijwilligers', 'huisartsen', 'wijkteams', 'inwoners', 'kerken'];
const THEMES = ['palliative_care', 'spiritual_care', 'informal_care', 'loneliness', 'dementia', 'grief', 'end_of_life_talks', 'volunteers'] as const;
const STAGES = ['idea', 'starting', 'running', 'stopped'] as const;
const QUERY_WORDS = ['rouw', 'mantelzorgers', 'zingeving', 'wandelgroep', 'eenzaamheid ouderen', 'dementie', 'spreekuur huisartsen', 'afscheid', 'vrijwilligers', 'inloophuis'];

async function buildWorld(db: Db) {
  const actor = bootstrapActor('benchmark');
  const allianceId = await createAlliance(db, actor, { name: 'Bench network map', region: 'Drenthe' });
  const municipalities: { id: string; latitude: number; longitude: number; networkId: string }[] = [];
  for (const n of networks) {
    const networkId = await createOrganisation(db, actor, { allianceId, name: n.name, kind: 'palliative_care_network' });
    const ids = await addNetworkRegion(db, { allianceId, networkId, municipalities: n.municipalities });
    for (const m of n.municipalities) municipalities.push({ id: ids.get(m.name) ?? '', latitude: m.latitude, longitude: m.longitude, networkId });
  }
  const rows: string[] = [];
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let i = 0; i < INITIATIVES; i++) {
    const m = pick(municipalities);
    const title = `${pick(ACTIVITIES)} over ${pick(SUBJECTS)} voor ${pick(AUDIENCES)} ${i}`;
    const summary = `Gemeente en netwerk organiseren samen met welzijn ${pick(ACTIVITIES).toLowerCase()} rond ${pick(SUBJECTS)} voor ${pick(AUDIENCES)}.`;
    const themes = THEMES.filter(() => random() < 0.25);
    rows.push(
      `(${q(allianceId)},${q(m.networkId)},${q(m.id)},${q(title)},${q(summary)},'Plaats','Gemeente, Netwerk Palliatieve Zorg, Welzijn',ARRAY[${themes.map(q).join(',')}]::text[],${q(pick(STAGES))},` +
        `${(m.latitude + (random() - 0.5) * 0.12).toFixed(5)},${(m.longitude + (random() - 0.5) * 0.18).toFixed(5)},'accepted','staff',now() - interval '${Math.floor(random() * 1000)} hours',true)`,
    );
  }
  for (let i = 0; i < rows.length; i += 5000) {
    await sql
      .raw(`INSERT INTO initiative (alliance_id, network_id, municipality_id, title, summary, place, partner_names, themes, stage, latitude, longitude, status, source, accepted_at, fictional) VALUES ${rows.slice(i, i + 5000).join(',')}`)
      .execute(db);
  }
  // As autovacuum leaves a table in steady state: statistics and the visibility map.
  await sql`VACUUM ANALYZE`.execute(db);
  return { municipalities };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

function randomFilters(world: World, withText: boolean): SearchFilters {
  const roll = random();
  return {
    ...(withText ? { q: pick(QUERY_WORDS) } : {}),
    ...(roll < 0.4 ? { municipalityId: pick(world.municipalities).id } : {}),
    ...(roll > 0.3 && roll < 0.7 ? { theme: pick(THEMES) } : {}),
    ...(roll > 0.8 ? { stage: pick(STAGES) } : {}),
  };
}

async function time(n: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return stats(times);
}

const DRENTHE = { west: 6.0, south: 52.55, east: 7.2, north: 53.25 };
const around = (m: { latitude: number; longitude: number }, half: number) => ({ west: m.longitude - half * 1.6, south: m.latitude - half, east: m.longitude + half * 1.6, north: m.latitude + half });

const scratch = await startScratchDatabase('bench-map');
const { db } = createDb(scratch.appUrl, 10);
const { db: owner } = createDb(scratch.url, 2);
try {
  const built = performance.now();
  const world = await buildWorld(owner);
  console.log(`world: ${INITIATIVES} initiatives in ${world.municipalities.length} municipalities (${Math.round(performance.now() - built)} ms)`);
  const phases: [string, string, () => Promise<unknown>][] = [
    ['list, Dutch full-text search + filters', 'a word or two from the texts; 40 % also a municipality, 40 % a theme, 20 % a stage; first page of 20 with the total', () => searchInitiatives(db, randomFilters(world, true), { offset: 0, limit: 20 })],
    ['list, filters only', 'municipality, theme or stage as above, newest first; first page of 20 with the total', () => searchInitiatives(db, randomFilters(world, false), { offset: 0, limit: 20 })],
    ['list, later page', 'filters only, page 2–50', () => searchInitiatives(db, randomFilters(world, false), { offset: 20 * (1 + Math.floor(random() * 49)), limit: 20 })],
    ['map, province (zoom 7)', 'sums per municipality over all of Drenthe, with the filters', () => mapPoints(db, randomFilters(world, false), DRENTHE, 7)],
    ['map, region (zoom 10)', 'cell sums around a municipality', () => mapPoints(db, randomFilters(world, false), around(pick(world.municipalities), 0.15), 10)],
    ['map, town (zoom 13)', 'each initiative a point, around a town', () => mapPoints(db, randomFilters(world, false), around(pick(world.municipalities), 0.02), 13)],
  ];
  for (const [, , run] of phases) await time(50, run);
  const loadBefore = os.loadavg()[0] ?? 0;
  const results = [];
  for (const [name, what, run] of phases) {
    const r = await time(QUERIES, run);
    console.log(`${name}: p50 ${r.p50.toFixed(2)} p95 ${r.p95.toFixed(2)} p99 ${r.p99.toFixed(2)} max ${r.max.toFixed(2)} ms`);
    results.push({ name, what, ...r });
  }
  const loadAfter = os.loadavg()[0] ?? 0;
  const f = (x: number) => x.toFixed(2);
  const markdown = `# Network map search and map

Command: \`npm run bench:map -- --initiatives ${INITIATIVES} --queries ${QUERIES}\`
Machine: ${os.cpus().length} cores, shared with other work; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after. Node ${process.version}, embedded PostgreSQL (fsync on).

## Set-up
- **${INITIATIVES} accepted initiatives** over Drenthe's ${world.municipalities.length} municipalities in three palliative-care networks: generated Dutch titles and summaries (${ACTIVITIES.length} activities × ${SUBJECTS.length} subjects × ${AUDIENCES.length} audiences), each theme on about 25 %, four stages, coordinates around the towns.
- Timed around \`searchInitiatives\` and \`mapPoints\`, the statements the public list and map routes run, from the app's pool as the app's role, one query at a time, ${QUERIES} per row after 50 warm-up queries each.

## Results (${new Date().toISOString().slice(0, 16)} UTC)
| query | what | p50 ms | p95 ms | p99 ms | max ms | target p95 < ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- |
${results.map((r) => `| ${r.name} | ${r.what} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${r.p95 < TARGET_P95_MS ? 'met' : 'NOT met'} |`).join('\n')}
`;
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'map.md'), markdown);
} finally {
  await db.destroy();
  await owner.destroy();
  await scratch.drop();
}
