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
import { mapPoints, searchInitiatives } from '../src/modules/networkmap/index.js';
import { createDb, startScratchDatabase } from '../src/platform/db/index.js';
import { ACTIVITIES, around, AUDIENCES, buildWorld, DRENTHE, pick, random, randomFilters, SUBJECTS } from './map-world.js';

const { values } = parseArgs({ options: { initiatives: { type: 'string', default: '100000' }, queries: { type: 'string', default: '1000' } } });
const INITIATIVES = Number(values.initiatives);
const QUERIES = Number(values.queries);
const TARGET_P95_MS = 50;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) ?? NaN };
};

async function time(n: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return stats(times);
}

const scratch = await startScratchDatabase('bench-map');
const { db } = createDb(scratch.appUrl, 10);
const { db: owner } = createDb(scratch.url, 2);
try {
  const built = performance.now();
  const world = await buildWorld(owner, INITIATIVES);
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
