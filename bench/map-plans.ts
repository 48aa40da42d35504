/**
 * `npm run bench:map-plans [-- --initiatives 100000]`
 * The query plans behind bench/results/map.md: builds the benchmark's world, runs the list and map
 * queries that were slowest once each, and prints EXPLAIN (ANALYZE, BUFFERS) of every statement they
 * sent, as the app's role. For reading, not for timing: the figures are one run's.
 */
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { mapPoints, searchInitiatives, type SearchFilters } from '../src/modules/networkmap/index.js';
import { createDb, startScratchDatabase } from '../src/platform/db/index.js';
import type { Database } from '../src/platform/db/schema.js';
import { around, buildWorld, DRENTHE } from './map-world.js';

const { values } = parseArgs({ options: { initiatives: { type: 'string', default: '100000' } } });

const scratch = await startScratchDatabase('bench-map-plans');
const pool = new pg.Pool({ connectionString: scratch.appUrl, max: 2 });
// The scratch server's shutdown ends idle connections: not an error here.
pool.on('error', () => undefined);
const sent: CompiledQuery[] = [];
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void sent.push(event.query) });
const { db: owner } = createDb(scratch.url, 2);
try {
  const world = await buildWorld(owner, Number(values.initiatives));
  const town = world.municipalities[0] ?? { latitude: 52.78, longitude: 6.9, id: '' };
  const cases: [string, () => Promise<unknown>][] = [
    ['list: full-text search of a word matching many rows, first page with the total', () => searchInitiatives(db, { q: 'rouw' }, { offset: 0, limit: 20 })],
    ['list: full-text search of two words and a theme', () => searchInitiatives(db, { q: 'eenzaamheid ouderen', theme: 'loneliness' }, { offset: 0, limit: 20 })],
    ['map, province (zoom 7), no filter', () => mapPoints(db, {}, DRENTHE, 7)],
    ['map, region (zoom 10) around a town, no filter', () => mapPoints(db, {}, around(town, 0.15), 10)],
    ['map, region (zoom 10) around a town, a theme', () => mapPoints(db, { theme: 'grief' } satisfies SearchFilters, around(town, 0.15), 10)],
  ];
  for (const [name, run] of cases) {
    await run();
    sent.length = 0;
    await run();
    for (const query of sent.splice(0)) {
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [...query.parameters]);
      console.log(`\n## ${name}\n${query.sql}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
} finally {
  await db.destroy();
  await owner.destroy();
  await scratch.drop();
}
