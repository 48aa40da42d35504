import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { changeInitiative, lockInitiative } from '../initiatives/store.js';
import { addInitiativeDirectly, addNetworkRegion } from '../seeding.js';
import type { InitiativeInput } from '../schemas.js';
import { rebuildMapCounts } from './map-counts.js';
import { mapPoints, type Box, type MapPoint } from './map-points.js';

const t = await startTestApp();
const CELL = 360 / 2 ** 15;

/**
 * Every kept count that differs from an exact count(*) of the accepted rows (all keys: any theme and
 * target group as '', and each one an initiative has), with the positions' sums. Empty when right.
 */
async function countMismatches() {
  const { rows } = await sql<{ key: string; kept: number | null; exact: number | null }>`
    WITH exact AS (
      SELECT t.theme, g.target_group, floor(p.lon / ${CELL}::float8)::int AS cell_x, floor(p.lat / ${CELL}::float8)::int AS cell_y,
             p.municipality_id, p.network_id, p.stage, count(*)::int AS n, sum(p.lon::numeric) AS sum_lon, sum(p.lat::numeric) AS sum_lat
      FROM (SELECT i.*, coalesce(i.longitude, m.longitude) AS lon, coalesce(i.latitude, m.latitude) AS lat
            FROM initiative i JOIN network_municipality m ON m.id = i.municipality_id WHERE i.status = 'accepted') p,
           unnest(p.themes || '{""}'::text[]) t(theme), unnest(p.target_groups || '{""}'::text[]) g(target_group)
      GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), kept AS (SELECT * FROM initiative_map_count WHERE n > 0)
    SELECT concat_ws('/', coalesce(e.theme, k.theme), coalesce(e.target_group, k.target_group), coalesce(e.cell_x, k.cell_x), coalesce(e.cell_y, k.cell_y), coalesce(e.stage, k.stage)) AS key,
           k.n AS kept, e.n AS exact
    FROM exact e FULL JOIN kept k USING (theme, target_group, cell_x, cell_y, municipality_id, network_id, stage)
    WHERE e.n IS DISTINCT FROM k.n OR e.sum_lon IS DISTINCT FROM k.sum_lon OR e.sum_lat IS DISTINCT FROM k.sum_lat`.execute(t.db);
  return rows;
}

const keptCount = async (municipalityId: string, theme = '') =>
  Number((await t.db.selectFrom('initiative_map_count').select((eb) => eb.fn.sum<number>('n').as('n')).where('municipality_id', '=', municipalityId).where('theme', '=', theme).where('target_group', '=', '').executeTakeFirst())?.n ?? 0);

async function confirmedCall(municipalityId: string, overrides: Record<string, unknown> = {}) {
  const email = `count-${Math.random().toString(36).slice(2)}@example.nl`;
  const answer = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls', payload: callFor(municipalityId, { contactEmail: email, notADuplicate: true, ...overrides }), remoteAddress: `198.51.100.${Math.floor(Math.random() * 250)}` });
  expect(answer.statusCode, answer.body).toBe(202);
  const mail = await t.db.selectFrom('outbox').select('body_text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const token = /token=([\w-]+)/.exec(mail.body_text)?.[1] ?? '';
  expect((await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls/confirm', payload: { token } })).statusCode).toBe(200);
  return (await t.db.selectFrom('initiative').select('id').where('contact_email', '=', email).executeTakeFirstOrThrow()).id;
}

/** Changes an initiative as the services do: locked, changed, with its history, in one transaction. */
const change = (id: string, patch: Parameters<typeof changeInitiative>[2]) =>
  t.db.transaction().execute(async (trx) => {
    const before = await lockInitiative(trx, { id });
    if (!before) throw new Error(`no initiative ${id}`);
    await changeInitiative(trx, before, patch, { actor_kind: 'system', actor_user_id: null, action: 'test' }, new Date());
  });

describe('the map counts kept per municipality and grid cell', () => {
  it('equal an exact count after acceptance, a move to another municipality, a change of theme, a stop, a withdrawal and a deletion', async () => {
    const w = await createNetworkWorld(t);
    const id = await confirmedCall(w.emmen, { themes: ['grief'] });
    expect(await keptCount(w.emmen)).toBe(0);
    expect((await w.coordinator.post(`/api/networkmap/initiatives/${id}/decision`, { decision: 'accept', reason: '' })).statusCode).toBe(200);
    expect(await keptCount(w.emmen)).toBe(1);
    expect(await keptCount(w.emmen, 'grief')).toBe(1);
    expect(await countMismatches()).toEqual([]);

    await change(id, { municipality_id: w.coevorden, latitude: 52.66, longitude: 6.74 });
    expect([await keptCount(w.emmen), await keptCount(w.coevorden)]).toEqual([0, 1]);
    await change(id, { themes: ['dementia', 'loneliness'], target_groups: ['older_people'] });
    expect([await keptCount(w.coevorden, 'grief'), await keptCount(w.coevorden, 'dementia'), await keptCount(w.coevorden, 'loneliness')]).toEqual([0, 1, 1]);
    await change(id, { stage: 'stopped', latitude: null, longitude: null });
    expect(await countMismatches()).toEqual([]);

    // The submitter's edit of an accepted initiative sends it back to the coordinator: off the map until accepted again.
    await change(id, { status: 'submitted' });
    expect(await keptCount(w.coevorden)).toBe(0);
    expect(await countMismatches()).toEqual([]);

    const known = await addInitiativeDirectly(t.db, callFor(w.emmen, { latitude: 52.79, longitude: 6.9 }) as InitiativeInput);
    expect(await keptCount(w.emmen, 'palliative_care')).toBe(1);
    await t.db.deleteFrom('initiative_event').where('initiative_id', '=', known).execute();
    await t.db.deleteFrom('initiative').where('id', '=', known).execute();
    expect(await keptCount(w.emmen)).toBe(0);
    expect(await countMismatches()).toEqual([]);
  });

  it('counts a bulk insert of many rows in one statement and a bulk update as exactly', async () => {
    const w = await createNetworkWorld(t);
    const rows = Array.from({ length: 40 }, (_, i) => ({
      alliance_id: w.allianceId, network_id: w.networkId, municipality_id: i % 3 ? w.emmen : w.coevorden, title: `Bulk ${i}`, stage: (['idea', 'running'] as const)[i % 2] ?? 'idea',
      themes: ['grief', 'dementia'].slice(0, i % 3), target_groups: i % 4 ? ['bereaved'] : [], status: 'accepted' as const, source: 'import' as const,
      latitude: i % 5 ? 52.7 + i / 1000 : null, longitude: i % 5 ? 6.8 + i / 400 : null,
    }));
    await t.db.insertInto('initiative').values(rows).execute();
    expect(await keptCount(w.emmen) + (await keptCount(w.coevorden))).toBe(40);
    await t.db.updateTable('initiative').set({ stage: 'stopped' }).where('network_id', '=', w.networkId).where('title', 'like', 'Bulk 1%').execute();
    await t.db.updateTable('initiative').set({ verify_reminded_at: new Date() }).where('network_id', '=', w.networkId).execute();
    expect(await countMismatches()).toEqual([]);
  });

  it('loses no count when many initiatives in the same cell are accepted at once, nor deadlocks when two move past each other', async () => {
    const w = await createNetworkWorld(t);
    const ids = await Promise.all(Array.from({ length: 16 }, (_, i) => addInitiativeDirectly(t.db, callFor(w.emmen, { title: `Tegelijk ${i}`, themes: i % 2 ? ['grief', 'dementia'] : ['dementia', 'grief'], latitude: 52.786, longitude: 6.898 }) as InitiativeInput)));
    await t.db.updateTable('initiative').set({ status: 'submitted' }).where('id', 'in', ids).execute();
    expect(await keptCount(w.emmen)).toBe(0);
    // Each acceptance holds its transaction open a moment, so they overlap on the same kept rows.
    await Promise.all(ids.map((id) => t.db.transaction().execute(async (trx) => {
      await trx.updateTable('initiative').set({ status: 'accepted' }).where('id', '=', id).execute();
      await sql`SELECT pg_sleep(0.02)`.execute(trx);
    })));
    expect([await keptCount(w.emmen), await keptCount(w.emmen, 'grief')]).toEqual([16, 16]);

    const [a = '', b = ''] = ids;
    await change(b, { municipality_id: w.coevorden, latitude: 52.66, longitude: 6.74 });
    await Promise.all([
      change(a, { municipality_id: w.coevorden, latitude: 52.66, longitude: 6.74 }),
      change(b, { municipality_id: w.emmen, latitude: 52.786, longitude: 6.898 }),
    ]);
    expect([await keptCount(w.emmen), await keptCount(w.coevorden)]).toEqual([15, 1]);
    expect(await countMismatches()).toEqual([]);
  });

  it('are rebuilt from the rows by the repair command after they were damaged', async () => {
    const w = await createNetworkWorld(t);
    await addInitiativeDirectly(t.db, callFor(w.emmen, { latitude: 52.78, longitude: 6.89 }) as InitiativeInput);
    await t.db.updateTable('initiative_map_count').set((eb) => ({ n: eb('n', '+', 5) })).where('municipality_id', '=', w.emmen).execute();
    await t.db.deleteFrom('initiative_map_count').where('theme', '=', 'palliative_care').execute();
    expect((await countMismatches()).length).toBeGreaterThan(0);
    const rebuilt = await t.db.transaction().execute((trx) => rebuildMapCounts(trx));
    expect(await countMismatches()).toEqual([]);
    const accepted = await t.db.selectFrom('initiative').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'accepted').executeTakeFirstOrThrow();
    expect(rebuilt.initiatives).toBe(Number(accepted.n));
    expect(await t.db.selectFrom('initiative_map_count').select('n').where('n', '=', 0).execute()).toEqual([]);
  });
});

/** The map's sums as counting every matching row in the box would give them (the query before the kept counts). */
async function exactPoints(filters: { municipalityIds: string[]; theme?: string; targetGroup?: string; stage?: string }, box: Box, zoom: number): Promise<MapPoint[]> {
  const rows = await t.db
    .selectFrom('initiative as i')
    .innerJoin('network_municipality as m', 'm.id', 'i.municipality_id')
    .select(['i.latitude', 'i.longitude', 'i.themes', 'i.target_groups', 'i.stage', 'm.id as mid', 'm.name', 'm.latitude as mlat', 'm.longitude as mlon'])
    .where('i.status', '=', 'accepted')
    .where('i.municipality_id', 'in', filters.municipalityIds)
    .execute();
  const inBox = (lon: number, lat: number) => lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
  const cell = 360 / 2 ** (zoom + 3);
  const sums = new Map<string, MapPoint>();
  for (const r of rows) {
    if (filters.theme && !r.themes.includes(filters.theme)) continue;
    if (filters.targetGroup && !r.target_groups.includes(filters.targetGroup)) continue;
    if (filters.stage && r.stage !== filters.stage) continue;
    const lon = r.longitude ?? r.mlon;
    const lat = r.latitude ?? r.mlat;
    if (!inBox(r.longitude ?? r.mlon, r.latitude ?? r.mlat)) continue;
    const key = zoom < 9 ? r.mid : `${zoom}:${Math.floor(lon / cell)}:${Math.floor(lat / cell)}`;
    const sum = sums.get(key) ?? (zoom < 9 ? { id: r.mid, title: r.name, lon: r.mlon, lat: r.mlat, count: 0 } : { id: key, title: '', lon: 0, lat: 0, count: 0 });
    sums.set(key, { ...sum, count: sum.count + 1, ...(zoom < 9 ? {} : { lon: sum.lon + lon, lat: sum.lat + lat }) });
  }
  return [...sums.values()].map((s) => (zoom < 9 ? s : { ...s, lon: s.lon / s.count, lat: s.lat / s.count }));
}

const sorted = (points: MapPoint[]) => [...points].sort((a, b) => a.id.localeCompare(b.id)).map((p) => ({ ...p, lon: p.lon.toFixed(9), lat: p.lat.toFixed(9) }));

describe('the map read from the kept counts', () => {
  it('answers exactly as counting every matching row in the box: per municipality and per cell, with each filter, boxes cutting through cells', async () => {
    const w = await createNetworkWorld(t);
    // A region of its own, far from the other tests' initiatives, with towns close enough that boxes cut through them.
    const ids = await addNetworkRegion(t.db, { allianceId: w.allianceId, networkId: w.networkId, municipalities: [{ name: 'Veldhuizen', latitude: 60.1, longitude: 20.1 }, { name: 'Bosdorp', latitude: 60.25, longitude: 20.4 }, { name: 'Heidestad', latitude: 60.05, longitude: 20.55 }] });
    const towns = [...ids.values()];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const themes = ['grief', 'dementia', 'loneliness'] as const;
    for (let i = 0; i < 90; i++) {
      const municipalityId = towns[i % 3] ?? '';
      const placed = i % 7 !== 0;
      await addInitiativeDirectly(t.db, callFor(municipalityId, {
        title: `Kaart ${i}`, themes: themes.filter(() => random() < 0.5), targetGroups: random() < 0.5 ? ['bereaved'] : [], stage: random() < 0.5 ? 'running' : 'idea',
        ...(placed ? { latitude: 60 + random() * 0.35, longitude: 20 + random() * 0.7 } : {}),
      }) as InitiativeInput);
    }
    const boxes: Box[] = [
      { west: 19.9, south: 59.9, east: 20.9, north: 60.5 },
      { west: 20.07, south: 60.03, east: 20.43, north: 60.27 },
      { west: 20.2, south: 60.1, east: 20.23, north: 60.12 },
      { west: -180, south: -90, east: 180, north: 90 },
    ];
    const filters = [{}, { theme: 'grief' }, { targetGroup: 'bereaved' }, { stage: 'idea' }, { municipalityId: towns[1] }, { theme: 'dementia', stage: 'running' }, { networkId: w.networkId, theme: 'loneliness' }];
    let compared = 0;
    for (const box of boxes) {
      for (const zoom of [5, 7, 9, 10]) {
        for (const f of filters) {
          const asked = 'networkId' in f || zoom === 5 || box.west === -180 ? { ...f, networkId: w.networkId } : f;
          const got = (await mapPoints(t.db, asked, box, zoom)).filter((p) => zoom >= 9 || towns.includes(p.id));
          const want = await exactPoints({ municipalityIds: 'municipalityId' in f && f.municipalityId ? [f.municipalityId] : towns, ...f }, box, zoom);
          expect(sorted(got), JSON.stringify({ box, zoom, f })).toEqual(sorted(want));
          compared += want.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('draws the same sums through the public map route as an exact count, and counts a full-text search row by row', async () => {
    const w = await createNetworkWorld(t);
    const ids = await addNetworkRegion(t.db, { allianceId: w.allianceId, networkId: w.networkId, municipalities: [{ name: 'Noordhaven', latitude: -40.2, longitude: -70.3 }] });
    const town = ids.get('Noordhaven') ?? '';
    for (let i = 0; i < 12; i++) await addInitiativeDirectly(t.db, callFor(town, { title: i < 4 ? `Rouwcafé ${i}` : `Wandelgroep ${i}`, latitude: -40.3 + i * 0.02, longitude: -70.4 + i * 0.017 }) as InitiativeInput);
    const box = { west: -70.6, south: -40.5, east: -70, north: -40 };
    const map = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/map?west=${box.west}&south=${box.south}&east=${box.east}&north=${box.north}&networkId=${w.networkId}&${query}` })).json<MapPoint[]>();
    expect(sorted(await map('zoom=10'))).toEqual(sorted(await exactPoints({ municipalityIds: [town] }, box, 10)));
    expect(await map('zoom=7')).toEqual([{ id: town, title: 'Noordhaven', lon: -70.3, lat: -40.2, count: 12 }]);
    expect(await map('zoom=7&q=rouwcaf%C3%A9')).toEqual([{ id: town, title: 'Noordhaven', lon: -70.3, lat: -40.2, count: 4 }]);
  });
});
