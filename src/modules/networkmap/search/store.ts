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
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .where('initiative.status', '=', 'accepted')
    .$if(Boolean(f.q), (q) => q.where(sql<boolean>`initiative.search @@ websearch_to_tsquery('dutch', ${f.q})`))
    .$if(Boolean(f.municipalityId), (q) => q.where('initiative.municipality_id', '=', f.municipalityId ?? ''))
    .$if(Boolean(f.networkId), (q) => q.where('initiative.network_id', '=', f.networkId ?? ''))
    .$if(Boolean(f.theme), (q) => q.where(sql<boolean>`initiative.themes @> ARRAY[${f.theme}]::text[]`))
    .$if(Boolean(f.targetGroup), (q) => q.where(sql<boolean>`initiative.target_groups @> ARRAY[${f.targetGroup}]::text[]`))
    .$if(Boolean(f.stage), (q) => q.where('initiative.stage', '=', (f.stage ?? 'running') as 'running'));
}

/** One page of the list view: best match first when searching, else newest accepted first. */
export async function searchInitiatives(db: ReadDb, f: SearchFilters, page: { offset: number; limit: number }) {
  const rows = await filtered(db, f)
    .select([
      'initiative.id', 'initiative.title', 'initiative.summary', 'initiative.stage', 'initiative.themes', 'initiative.place', 'initiative.fictional',
      'm.id as municipality_id', 'm.name as municipality', 'n.name as network', sql<number>`count(*) OVER ()`.as('total'),
    ])
    .$if(Boolean(f.q), (q) => q.orderBy(sql`ts_rank(initiative.search, websearch_to_tsquery('dutch', ${f.q}))`, 'desc'))
    .orderBy('initiative.accepted_at', 'desc')
    .orderBy('initiative.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const total = rows[0] ? Number(rows[0].total) : page.offset === 0 ? 0 : await countInitiatives(db, f);
  return { total, items: rows.map(({ total: _total, ...r }) => r) };
}

async function countInitiatives(db: ReadDb, f: SearchFilters) {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The map's points in a box. Zoomed out, points are summed per grid cell in the database (cell size
 * halves with each zoom level), so the answer stays small over 100,000 initiatives; zoomed in, each
 * initiative is its own point. An initiative without coordinates sits at its municipality's centre.
 */
export async function mapPoints(db: ReadDb, f: SearchFilters, box: { west: number; south: number; east: number; north: number }, zoom: number) {
  const lon = sql<number>`coalesce(initiative.longitude, m.longitude)`;
  const lat = sql<number>`coalesce(initiative.latitude, m.latitude)`;
  const inBox = filtered(db, f).where(sql<boolean>`${lon} BETWEEN ${box.west} AND ${box.east} AND ${lat} BETWEEN ${box.south} AND ${box.north}`);
  if (zoom >= INDIVIDUAL_ZOOM) {
    const rows = await inBox.select(['initiative.id', 'initiative.title', lon.as('lon'), lat.as('lat')]).limit(MAX_POINTS).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, lon: r.lon, lat: r.lat, count: 1 }));
  }
  const cell = 360 / 2 ** (zoom + 3);
  const rows = await inBox
    .select([sql<number>`avg(${lon})`.as('lon'), sql<number>`avg(${lat})`.as('lat'), sql<number>`count(*)`.as('count'), sql<string>`min(initiative.id::text)`.as('id'), sql<string>`min(initiative.title)`.as('title')])
    .groupBy([sql`floor(${lon} / ${cell})`, sql`floor(${lat} / ${cell})`])
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, lon: Number(r.lon), lat: Number(r.lat), count: Number(r.count) }));
}

/** From this zoom on every initiative is drawn; further out they are summed per cell. */
export const INDIVIDUAL_ZOOM = 11;
const MAX_POINTS = 5000;
