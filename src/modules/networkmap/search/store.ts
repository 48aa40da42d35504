import { sql } from 'kysely';
import type { ReadDb } from '../../../platform/db/index.js';

export interface SearchFilters {
  q?: string | undefined;
  municipalityId?: string | undefined;
  networkId?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  stage?: string | undefined;
}

/** Only accepted initiatives are public; the filters narrow them, the Dutch text search (stemming, stop words) matches words. */
function filtered(db: ReadDb, f: SearchFilters) {
  return db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .where('initiative.status', '=', 'accepted')
    .$if(Boolean(f.q), (q) => q.where(sql<boolean>`initiative.search @@ websearch_to_tsquery('dutch', ${f.q})`))
    .$if(Boolean(f.municipalityId), (q) => q.where('initiative.municipality_id', '=', f.municipalityId ?? ''))
    .$if(Boolean(f.networkId), (q) => q.where('initiative.network_id', '=', f.networkId ?? ''))
    .$if(Boolean(f.theme), (q) => q.where(sql<boolean>`initiative.themes @> ARRAY[${f.theme}]::text[]`))
    .$if(Boolean(f.targetGroup), (q) => q.where(sql<boolean>`initiative.target_groups @> ARRAY[${f.targetGroup}]::text[]`))
    .$if(Boolean(f.stage), (q) => q.where('initiative.stage', '=', (f.stage ?? 'running') as 'running'));
}

/** Past this many matches the list says "more than"; counting every match of a broad filter would cost more than the page itself. */
export const COUNT_CAP = 1000;

/** One page of the list view: best match first when searching, else newest accepted first; the total capped at COUNT_CAP. */
export async function searchInitiatives(db: ReadDb, f: SearchFilters, page: { offset: number; limit: number }) {
  const rows = await filtered(db, f)
    // The network's name is for the list only: the map's sums never pay for that join.
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .select(['initiative.id', 'initiative.title', 'initiative.summary', 'initiative.stage', 'initiative.themes', 'initiative.place', 'initiative.fictional', 'm.id as municipality_id', 'm.name as municipality', 'n.name as network'])
    .$if(Boolean(f.q), (q) => q.orderBy(sql`ts_rank(initiative.search, websearch_to_tsquery('dutch', ${f.q}))`, 'desc'))
    .orderBy('initiative.accepted_at', 'desc')
    .orderBy('initiative.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const capped = await db
    .selectFrom(filtered(db, f).select('initiative.id').limit(COUNT_CAP + 1).as('matches'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(capped.n);
  return { total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, items: rows };
}

/**
 * The map's points in a box. Zoomed out to a province, they are summed per municipality; at region
 * zoom per grid cell in the database (cell size halves with each zoom level), so the answer stays small
 * over 100,000 initiatives; zoomed in, each initiative is its own point. An initiative without coordinates sits at its municipality's centre.
 */
export async function mapPoints(db: ReadDb, f: SearchFilters, box: { west: number; south: number; east: number; north: number }, zoom: number) {
  const lon = sql<number>`coalesce(initiative.longitude, m.longitude)`;
  const lat = sql<number>`coalesce(initiative.latitude, m.latitude)`;
  // Two branches on the initiative's own columns, so each can use its index (initiative_point, and
  // initiative_unplaced for those drawn at their municipality's centre).
  const inBox = filtered(db, f).where((eb) =>
    eb.or([
      sql<boolean>`initiative.longitude BETWEEN ${box.west} AND ${box.east} AND initiative.latitude BETWEEN ${box.south} AND ${box.north}`,
      eb.and([
        eb('initiative.longitude', 'is', null),
        eb('initiative.municipality_id', 'in', db.selectFrom('network_municipality').select('id').where(sql<boolean>`longitude BETWEEN ${box.west} AND ${box.east} AND latitude BETWEEN ${box.south} AND ${box.north}`)),
      ]),
    ]),
  );
  if (zoom >= INDIVIDUAL_ZOOM) {
    const rows = await inBox.select(['initiative.id', 'initiative.title', lon.as('lon'), lat.as('lat')]).limit(MAX_POINTS).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, lon: r.lon, lat: r.lat, count: 1 }));
  }
  if (zoom < CELL_ZOOM) {
    const rows = await inBox
      .select([sql<number>`m.longitude`.as('lon'), sql<number>`m.latitude`.as('lat'), sql<number>`count(*)`.as('count'), 'm.id', 'm.name as title'])
      .groupBy(['m.id', 'm.name', 'm.longitude', 'm.latitude'])
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, lon: r.lon, lat: r.lat, count: Number(r.count) }));
  }
  const cell = 360 / 2 ** (zoom + 3);
  const rows = await inBox
    .select([sql<number>`avg(${lon})`.as('lon'), sql<number>`avg(${lat})`.as('lat'), sql<number>`count(*)`.as('count'), sql<string>`min(initiative.id::text)`.as('id'), sql<string>`min(initiative.title)`.as('title')])
    .groupBy([sql`floor(${lon} / ${cell})`, sql`floor(${lat} / ${cell})`])
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, lon: Number(r.lon), lat: Number(r.lat), count: Number(r.count) }));
}

/** From this zoom on every initiative is drawn; from CELL_ZOOM they are summed per grid cell; further out per municipality. */
export const INDIVIDUAL_ZOOM = 11;
export const CELL_ZOOM = 9;
const MAX_POINTS = 5000;
