import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ReadDb } from '../../../platform/db/index.js';
import type { Database } from '../../../platform/db/schema.js';
import './map-count-table.js';
import { filtered, type SearchFilters } from './store.js';

export interface Box { west: number; south: number; east: number; north: number }
export interface MapPoint { id: string; title: string; lon: number; lat: number; count: number }

/** From this zoom on every initiative is drawn; from CELL_ZOOM they are summed per grid cell; further out per municipality. */
export const INDIVIDUAL_ZOOM = 11;
export const CELL_ZOOM = 9;
const MAX_POINTS = 5000;
/**
 * The grid initiative_map_count keeps (migration 0038): zoom 12's cells; a zoom-10 cell is 4×4 of them.
 * Finer than the sums need, so the edge strips counted row by row are thin (a quarter of a zoom-10 cell).
 */
const COUNT_ZOOM = 12;
/** A cell's side in degrees: it halves with each zoom level. Powers of two of 360, so exact in floating point. */
const cellSize = (zoom: number) => 360 / 2 ** (zoom + 3);

/** The kept cells lying wholly inside the box (the kept grid, inclusive ranges); undefined when there are none. */
interface Interior { x0: number; x1: number; y0: number; y1: number }

/**
 * The map's points in a box. Zoomed out to a province, they are summed per municipality (drawn at its
 * centre); at region zoom per grid cell (drawn at the mean of its initiatives, the cell's key as id and
 * no title: a sum is zoomed into, not opened); zoomed in, each initiative is its own point. An initiative
 * without coordinates sits at its municipality's centre.
 *
 * The sums read the counts kept per zoom-12 cell for the cells wholly inside the box, and count only the
 * strips along the box's edges from the rows, so the answer is the exact count of the matching
 * initiatives in the box while reading a few hundred kept rows instead of up to 100,000 initiatives.
 * A full-text search has no kept counts: its matches are counted from the rows.
 */
export async function mapPoints(db: ReadDb, f: SearchFilters, box: Box, zoom: number): Promise<MapPoint[]> {
  if (zoom >= INDIVIDUAL_ZOOM) {
    const rows = await filtered(db, f).where(inBox(db, box)).select(['initiative.id', 'initiative.title', lonOf.as('lon'), latOf.as('lat')]).limit(MAX_POINTS).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, lon: r.lon, lat: r.lat, count: 1 }));
  }
  const inner = f.q ? undefined : interiorOf(box);
  const [counted, kept] = await Promise.all([countedSums(db, f, box, zoom, inner), inner ? keptSums(db, f, inner, zoom) : []]);
  return merge(zoom, [...counted, ...kept]);
}

const lonOf = sql<number>`coalesce(initiative.longitude, m.longitude)`;
const latOf = sql<number>`coalesce(initiative.latitude, m.latitude)`;

// Two branches on the initiative's own columns, so each can use its index (initiative_point, and
// initiative_unplaced for those drawn at their municipality's centre).
function inBox(db: ReadDb, box: Box) {
  return (eb: ExpressionBuilder<Database, 'initiative'>) =>
    eb.or([sql<SqlBool>`initiative.longitude BETWEEN ${box.west} AND ${box.east} AND initiative.latitude BETWEEN ${box.south} AND ${box.north}`, unplacedIn(db, eb, box)]);
}

function unplacedIn(db: ReadDb, eb: ExpressionBuilder<Database, 'initiative'>, box: Box) {
  return eb.and([
    eb('initiative.longitude', 'is', null),
    eb('initiative.municipality_id', 'in', db.selectFrom('network_municipality').select('id').where(sql<SqlBool>`longitude BETWEEN ${box.west} AND ${box.east} AND latitude BETWEEN ${box.south} AND ${box.north}`)),
  ]);
}

function interiorOf(box: Box): Interior | undefined {
  const c = cellSize(COUNT_ZOOM);
  // Strictly inside: a point on the box's edge is never left to the kept counts' rounding.
  const inner = { x0: Math.floor(box.west / c) + 1, x1: Math.ceil(box.east / c) - 2, y0: Math.floor(box.south / c) + 1, y1: Math.ceil(box.north / c) - 2 };
  return inner.x0 <= inner.x1 && inner.y0 <= inner.y1 ? inner : undefined;
}

/** Rows counted one by one: the whole box, or with an interior only the four strips around it. */
function countedRows(db: ReadDb, f: SearchFilters, box: Box, inner: Interior | undefined) {
  if (!inner) return filtered(db, f).where(inBox(db, box));
  const c = cellSize(COUNT_ZOOM);
  // Each strip is a range one index reads (east and west on initiative_point, north and south on
  // initiative_point_lat), a hair wider than the interior's edge; the cell test after them is the very
  // expression the kept counts were made with, so no initiative is counted twice or left out.
  const margin = c / 1024;
  const placed = sql<SqlBool>`initiative.longitude BETWEEN ${box.west} AND ${box.east} AND initiative.latitude BETWEEN ${box.south} AND ${box.north}`;
  const x = sql`floor(${lonOf} / ${sql.lit(c)}::float8)`;
  const y = sql`floor(${latOf} / ${sql.lit(c)}::float8)`;
  return filtered(db, f)
    .where((eb) =>
      eb.or([
        sql<SqlBool>`${placed} AND initiative.longitude <= ${inner.x0 * c + margin}`,
        sql<SqlBool>`${placed} AND initiative.longitude >= ${(inner.x1 + 1) * c - margin}`,
        sql<SqlBool>`${placed} AND initiative.latitude <= ${inner.y0 * c + margin}`,
        sql<SqlBool>`${placed} AND initiative.latitude >= ${(inner.y1 + 1) * c - margin}`,
        unplacedIn(db, eb, box),
      ]),
    )
    .where(sql<SqlBool>`NOT (${x} BETWEEN ${inner.x0} AND ${inner.x1} AND ${y} BETWEEN ${inner.y0} AND ${inner.y1})`);
}

/** A sum before merging: per municipality (its centre) or per cell (the positions' sums). */
interface Part { key: string; title: string; count: number; lon: number; lat: number }

async function countedSums(db: ReadDb, f: SearchFilters, box: Box, zoom: number, inner: Interior | undefined): Promise<Part[]> {
  const rows = countedRows(db, f, box, inner);
  if (zoom < CELL_ZOOM) {
    const sums = await rows.select(['m.id', 'm.name', 'm.longitude', 'm.latitude', sql<number>`count(*)`.as('n')]).groupBy(['m.id', 'm.name', 'm.longitude', 'm.latitude']).execute();
    return sums.map((r) => ({ key: r.id, title: r.name, count: Number(r.n), lon: r.longitude, lat: r.latitude }));
  }
  const c = sql.lit(cellSize(zoom));
  const x = sql<number>`floor(${lonOf} / ${c}::float8)::int`;
  const y = sql<number>`floor(${latOf} / ${c}::float8)::int`;
  const sums = await rows.select([x.as('x'), y.as('y'), sql<number>`count(*)`.as('n'), sql<number>`sum(${lonOf})`.as('lon'), sql<number>`sum(${latOf})`.as('lat')]).groupBy([x, y]).execute();
  return sums.map((r) => ({ key: `${r.x}:${r.y}`, title: '', count: Number(r.n), lon: Number(r.lon), lat: Number(r.lat) }));
}

/** The kept counts of the interior's cells: one row per cell, municipality and stage for the filter asked. */
async function keptSums(db: ReadDb, f: SearchFilters, inner: Interior, zoom: number): Promise<Part[]> {
  const kept = db
    .selectFrom('initiative_map_count as c')
    .where('c.theme', '=', f.theme ?? '')
    .where('c.target_group', '=', f.targetGroup ?? '')
    .where('c.cell_x', '>=', inner.x0)
    .where('c.cell_x', '<=', inner.x1)
    .where('c.cell_y', '>=', inner.y0)
    .where('c.cell_y', '<=', inner.y1)
    .$if(Boolean(f.municipalityId), (q) => q.where('c.municipality_id', '=', f.municipalityId ?? ''))
    .$if(Boolean(f.networkId), (q) => q.where('c.network_id', '=', f.networkId ?? ''))
    .$if(Boolean(f.stage), (q) => q.where('c.stage', '=', f.stage ?? ''));
  const n = sql<number>`sum(c.n)`;
  if (zoom < CELL_ZOOM) {
    const sums = await kept
      .innerJoin('network_municipality as m', 'm.id', 'c.municipality_id')
      .select(['m.id', 'm.name', 'm.longitude', 'm.latitude', n.as('n')])
      .groupBy(['m.id', 'm.name', 'm.longitude', 'm.latitude'])
      .having(n, '>', 0)
      .execute();
    return sums.map((r) => ({ key: r.id, title: r.name, count: Number(r.n), lon: r.longitude, lat: r.latitude }));
  }
  // floor(floor(v / s) / 2^k) = floor(v / (s·2^k)): a coarser cell is the sum of the kept cells in it.
  const factor = sql.lit(cellSize(zoom) / cellSize(COUNT_ZOOM));
  const x = sql<number>`floor(c.cell_x / ${factor}::float8)::int`;
  const y = sql<number>`floor(c.cell_y / ${factor}::float8)::int`;
  const sums = await kept.select([x.as('x'), y.as('y'), n.as('n'), sql<number>`sum(c.sum_lon)`.as('lon'), sql<number>`sum(c.sum_lat)`.as('lat')]).groupBy([x, y]).having(n, '>', 0).execute();
  return sums.map((r) => ({ key: `${r.x}:${r.y}`, title: '', count: Number(r.n), lon: Number(r.lon), lat: Number(r.lat) }));
}

/** Counted and kept parts of the same municipality or cell added together. */
function merge(zoom: number, parts: Part[]): MapPoint[] {
  const byKey = new Map<string, Part>();
  for (const p of parts) {
    const seen = byKey.get(p.key);
    if (!seen) byKey.set(p.key, { ...p });
    else if (zoom < CELL_ZOOM) seen.count += p.count;
    else Object.assign(seen, { count: seen.count + p.count, lon: seen.lon + p.lon, lat: seen.lat + p.lat });
  }
  return [...byKey.values()].map((p) =>
    zoom < CELL_ZOOM ? { id: p.key, title: p.title, lon: p.lon, lat: p.lat, count: p.count } : { id: `${zoom}:${p.key}`, title: '', lon: p.lon / p.count, lat: p.lat / p.count, count: p.count },
  );
}
