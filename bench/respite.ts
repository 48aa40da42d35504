/**
 * `npm run bench:respite [-- --locations 100 --beds 10 --searches 2000 --writers 2]`
 * Respite availability search (DESIGN.md §7: p95 < 10 ms over 1,000 beds and 12 months). Builds 1,000
 * beds in 100 locations over two municipalities with 12 months of stays (about 55 % of the nights
 * taken, in 2–7-night stays), then times the search statement the search route runs (free beds for
 * the nights, with municipality, offer type or distance filters at random), first alone, then while
 * writers book stays through the same insert as the booking route. Results in bench/results/respite.md.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createAlliance, createOrganisation } from '../src/modules/alliance/index.js';
import { insertStay, searchFreeBeds } from '../src/modules/respite/index.js';
import { bootstrapActor } from '../src/platform/access/bootstrap.js';
import { createDb, startScratchDatabase, type Db } from '../src/platform/db/index.js';
import { seededRandom } from '../src/seed/demo-data.js';

const { values } = parseArgs({ options: { locations: { type: 'string', default: '100' }, beds: { type: 'string', default: '10' }, searches: { type: 'string', default: '2000' }, writers: { type: 'string', default: '2' }, explain: { type: 'boolean', default: false } } });
const LOCATIONS = Number(values.locations);
const BEDS = Number(values.beds);
const SEARCHES = Number(values.searches);
const WRITERS = Number(values.writers);
const TARGET_P95_MS = 10;
const DAY = 86_400_000;
const START = '2031-01-01';
const isoPlus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
const random = seededRandom(12);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) ?? NaN };
};

async function buildWorld(db: Db) {
  const actor = bootstrapActor('benchmark');
  const allianceId = await createAlliance(db, actor, { name: 'Bench respite', region: 'Drenthe' });
  const organisationId = await createOrganisation(db, actor, { allianceId, name: 'Bench care', kind: 'care_provider' });
  const client = await db
    .insertInto('client')
    .values({ alliance_id: allianceId, organisation_id: organisationId, given_name: 'B', family_name: 'Bench', date_of_birth: '1940-01-01', street: 's', house_number: '1', postcode: '9401AA', city: 'Assen', municipality: 'Assen', night_summary: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO respite_location (alliance_id, organisation_id, name, offer_type, street, city, municipality, latitude, longitude, features, capabilities, funding_accepted, price_per_night_cents)
    SELECT ${allianceId}, ${organisationId}, 'Locatie ' || i, (ARRAY['care_home','respite_house','host_family'])[1 + i % 3], 'Straat', 'Plaats', CASE WHEN i % 2 = 0 THEN 'Assen' ELSE 'Midden-Drenthe' END,
      52.85 + (i % 10) * 0.015, 6.45 + (i / 10) * 0.02, ARRAY['ground_floor'], ARRAY['night_supervision'], ARRAY['wmo','private'], 9500
    FROM generate_series(1, ${LOCATIONS}) i`.execute(db);
  await sql`INSERT INTO respite_bed (alliance_id, location_id, label) SELECT ${allianceId}, l.id, 'Bed ' || b FROM respite_location l CROSS JOIN generate_series(1, ${BEDS}) b WHERE l.alliance_id = ${allianceId}`.execute(db);
  const beds = await db.selectFrom('respite_bed').select(['id', 'location_id']).where('alliance_id', '=', allianceId).execute();
  // Twelve months of stays per bed: 2–7 nights, gaps of 0–5 nights.
  const rows: string[] = [];
  for (const bed of beds) {
    for (let day = Math.floor(random() * 5); day < 365; ) {
      const nights = 2 + Math.floor(random() * 6);
      rows.push(`('${allianceId}','${organisationId}','${bed.location_id}','${bed.id}','stay','${client.id}','[${isoPlus(START, day)},${isoPlus(START, day + nights)})','booked')`);
      day += nights + Math.floor(random() * 6);
    }
  }
  for (let i = 0; i < rows.length; i += 5000) {
    await sql.raw(`INSERT INTO respite_booking (alliance_id, organisation_id, location_id, bed_id, kind, client_id, nights, status) VALUES ${rows.slice(i, i + 5000).join(',')}`).execute(db);
  }
  // As autovacuum leaves a table in steady state: statistics and the visibility map (index-only scans).
  await sql`VACUUM ANALYZE`.execute(db);
  return { allianceId, organisationId, clientId: client.id, beds, stays: rows.length };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

function randomSearch(world: World) {
  const from = isoPlus(START, Math.floor(random() * 358));
  const roll = random();
  return {
    allianceId: world.allianceId, from, to: isoPlus(from, 2 + Math.floor(random() * 6)),
    municipality: roll < 0.4 ? (random() < 0.5 ? 'Assen' : 'Midden-Drenthe') : undefined,
    offerType: roll > 0.7 ? 'care_home' : undefined,
    near: roll > 0.4 && roll < 0.6 ? { latitude: 52.99, longitude: 6.56, withinKm: 15 } : undefined,
  };
}

async function timeSearches(db: Db, world: World, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await searchFreeBeds(db, randomSearch(world));
    times.push(performance.now() - started);
  }
  return stats(times);
}

/** Writers book stays as the booking route does (claim a free bed in one statement), as fast as they can. */
function startWriters(db: Db, world: World) {
  let running = true;
  let written = 0;
  let refused = 0;
  const loops = Array.from({ length: WRITERS }, async () => {
    while (running) {
      const bed = world.beds[Math.floor(random() * world.beds.length)];
      const from = isoPlus(START, Math.floor(random() * 360));
      try {
        const row = await db.transaction().execute((trx) =>
          insertStay(trx, { allianceId: world.allianceId, organisationId: world.organisationId, locationId: bed?.location_id ?? '', clientId: world.clientId, from, to: isoPlus(from, 2), status: 'requested', funding: 'private' }),
        );
        if (row) written++;
        else refused++;
      } catch {
        refused++;
      }
    }
  });
  return { stop: async () => { running = false; await Promise.all(loops); return { written, refused }; } };
}

const scratch = await startScratchDatabase('bench-respite');
const { db } = createDb(scratch.appUrl, 10);
const { db: owner } = createDb(scratch.url, 2);
try {
  const built = performance.now();
  const world = await buildWorld(owner);
  console.log(`world: ${world.beds.length} beds, ${world.stays} stays over 12 months (${Math.round(performance.now() - built)} ms)`);
  if (values.explain) {
    const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) SELECT 1 FROM respite_bed b WHERE b.active AND NOT EXISTS (SELECT 1 FROM respite_booking k WHERE k.bed_id = b.id AND k.nights && '[2031-06-01,2031-06-04)'::daterange AND k.status IN ('requested', 'booked', 'held'))`).execute(db);
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  await timeSearches(db, world, 200);
  const loadBefore = os.loadavg()[0] ?? 0;
  const alone = await timeSearches(db, world, SEARCHES);
  const writers = startWriters(db, world);
  const writeStarted = performance.now();
  const loaded = await timeSearches(db, world, SEARCHES);
  const writes = await writers.stop();
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  const loadAfter = os.loadavg()[0] ?? 0;
  const f = (x: number) => x.toFixed(2);
  const verdict = (p95: number) => (p95 < TARGET_P95_MS ? 'met' : 'NOT met');
  console.log(`alone:   p50 ${f(alone.p50)} p95 ${f(alone.p95)} p99 ${f(alone.p99)} max ${f(alone.max)} ms`);
  console.log(`writing: p50 ${f(loaded.p50)} p95 ${f(loaded.p95)} p99 ${f(loaded.p99)} max ${f(loaded.max)} ms; ${writes.written} stays booked, ${writes.refused} refused (${Math.round(writes.written / writeSeconds)}/s)`);
  const markdown = `# Respite availability search

Command: \`npm run bench:respite -- --locations ${LOCATIONS} --beds ${BEDS} --searches ${SEARCHES} --writers ${WRITERS}\`
Machine: ${os.cpus().length} cores; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after. Node ${process.version}, embedded PostgreSQL (fsync on).

## Set-up
- **${world.beds.length} beds** in ${LOCATIONS} locations (two municipalities, three offer types), **${world.stays} stays over 12 months** (2–7 nights, gaps of 0–5 nights: about 55 % of the nights taken).
- Each search: random nights (2–7) within the 12 months; 40 % filtered by municipality, 30 % by offer type, 20 % by distance (15 km). Timed around \`searchFreeBeds\`, the one statement the search route runs (free beds per location, one probe of the exclusion constraint's GiST index per bed), from the app's pool as the app's role.
- "While writing": ${WRITERS} writers book 2-night stays through \`insertStay\` (the booking route's insert) back to back during the timed searches.

## Results (${new Date().toISOString().slice(0, 16)} UTC)
| phase | searches | p50 ms | p95 ms | p99 ms | max ms | target p95 < ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- |
| alone | ${alone.n} | ${f(alone.p50)} | ${f(alone.p95)} | ${f(alone.p99)} | ${f(alone.max)} | ${verdict(alone.p95)} |
| while writing | ${loaded.n} | ${f(loaded.p50)} | ${f(loaded.p95)} | ${f(loaded.p99)} | ${f(loaded.max)} | ${verdict(loaded.p95)} |

Writes during the second phase: ${writes.written} stays booked, ${writes.refused} refused for no room (${Math.round(writes.written / writeSeconds)} bookings/s).
`;
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'respite.md'), markdown);
} finally {
  await db.destroy();
  await owner.destroy();
  await scratch.drop();
}
