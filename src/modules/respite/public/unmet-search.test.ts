import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { createDb } from '../../../platform/db/index.js';
import { addClient, addLocation, addPartner, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';
import type { Analytics } from '../analytics/schemas.js';

const t = await startRespiteApp();

interface SearchAnswer { found: boolean; places: { id: string; fits: boolean; room: boolean }[] }

/** One one-bed care home in Assen with a hoist, no dementia-safe unit; the bed is taken 7-9 March 2031. */
async function world() {
  const w = await createRespiteWorld(t);
  const locationId = await addLocation(w.careHome, { beds: ['1'], features: ['ground_floor', 'hoist'], capabilities: ['night_supervision'] });
  const clientId = await addClient(w.home);
  expect((await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-03-07', to: '2031-03-09', funding: 'private' })).statusCode).toBe(201);
  const search = async (body: Record<string, unknown>, remoteAddress = '192.0.2.1') => {
    const response = await t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/search`, payload: body, remoteAddress });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SearchAnswer>();
  };
  const logged = () => t.db.selectFrom('respite_unmet_search').selectAll().where('alliance_id', '=', w.allianceId).orderBy('id').execute();
  return { ...w, locationId, search, logged, municipality: await addPartner(t, w, 'municipality', 'wmo') };
}

describe('public searches that find nothing count as unmet demand', () => {
  it('counts a search with no room, anonymously, and not a search that found room', async () => {
    const w = await world();
    const withRoom = await w.search({ from: '2031-03-14', to: '2031-03-16', municipality: 'Assen', needs: ['hoist'] });
    expect(withRoom).toEqual({ found: true, places: [{ id: w.locationId, name: 'De Bloemenhof', city: 'Assen', municipality: 'Assen', offerType: 'care_home', fits: true, room: true }] });
    expect(await w.logged()).toEqual([]);
    const full = await w.search({ from: '2031-03-08', to: '2031-03-11', municipality: 'Assen', offerType: 'care_home', needs: ['hoist'] });
    expect(full).toMatchObject({ found: false, places: [{ fits: true, room: false }] });
    const rows = await w.logged();
    expect(rows).toEqual([{ id: expect.any(Number) as number, alliance_id: w.allianceId, municipality: 'Assen', stay_month: '2031-03-01', nights_bucket: '2-3', offer_type: 'care_home', reason: 'no_room', searched_on: '2031-01-06' }]);
  });

  it('counts a search no place fits (its needs, or no place of that kind) as no fitting place', async () => {
    const w = await world();
    expect((await w.search({ from: '2031-03-14', to: '2031-03-16', needs: ['dementia_safe'] })).found).toBe(false);
    expect((await w.search({ from: '2031-03-14', to: '2031-03-22', offerType: 'host_family' })).places).toEqual([]);
    expect((await w.logged()).map((r) => [r.municipality, r.nights_bucket, r.offer_type, r.reason])).toEqual([['', '2-3', null, 'no_fit'], ['', '8+', 'host_family', 'no_fit']]);
  });

  it('refuses searches for past nights or long stays, and counts none of them', async () => {
    const w = await world();
    for (const payload of [{ from: '2031-01-02', to: '2031-01-04' }, { from: '2031-03-01', to: '2031-04-15' }, { from: '2031-03-03', to: '2031-03-03' }, { from: '2031-03-01', to: '2031-03-03', needs: ['a_butler'] }]) {
      const response = await t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/search`, payload });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
    }
    expect(await w.logged()).toEqual([]);
  });

  it('shows the searches in the analytics as their own figure, hidden below the minimum group', async () => {
    const w = await world();
    // Five people, five addresses: one source's repeats count once (below).
    for (let i = 0; i < 5; i++) await w.search({ from: '2031-03-08', to: '2031-03-09', municipality: 'Assen' }, `192.0.2.${10 + i}`);
    await w.search({ from: '2031-03-14', to: '2031-03-16', municipality: 'Assen', needs: ['dementia_safe'] });
    await w.search({ from: '2031-03-08', to: '2031-03-09', municipality: 'Midden-Drenthe' });
    await w.search({ from: '2031-03-14', to: '2031-03-16', municipality: 'Assen' });
    const analytics = (await w.municipality.session.get('/api/respite/analytics?from=2031-01&to=2031-01')).json<Analytics>();
    expect(analytics.unmetSearches).toEqual([
      // The total is hidden with the small cell: 6 - 5 would give it back.
      { municipality: 'Assen', searches: null, reason: 'no_room', n: 5 },
      { municipality: 'Assen', searches: null, reason: 'no_fit', n: null },
      { municipality: 'Midden-Drenthe', searches: null, reason: 'no_room', n: null },
      { municipality: 'Midden-Drenthe', searches: null, reason: 'no_fit', n: null },
    ]);
    const csv = (await w.municipality.session.get('/api/respite/analytics/unmet-searches.csv?from=2031-01&to=2031-01')).body;
    expect(csv).toContain('Gemeente;Zoekopdrachten;Reden;Aantal');
    expect(csv).toContain('Assen;verborgen;no_room;5');
    expect(csv).toContain('Assen;verborgen;no_fit;<5');
    // With every cell at least the minimum, the total is shown.
    for (let i = 0; i < 4; i++) await w.search({ from: '2031-03-14', to: '2031-03-16', municipality: 'Assen', needs: ['pets'] }, `192.0.2.${20 + i}`);
    const grown = (await w.municipality.session.get('/api/respite/analytics?from=2031-01&to=2031-01')).json<Analytics>();
    expect(grown.unmetSearches.filter((u) => u.municipality === 'Assen')).toEqual([
      { municipality: 'Assen', searches: 10, reason: 'no_room', n: 5 },
      { municipality: 'Assen', searches: 10, reason: 'no_fit', n: 5 },
    ]);
    // Searched in January; a February report holds none of them.
    expect((await w.municipality.session.get('/api/respite/analytics?from=2031-02&to=2031-02')).json<Analytics>().unmetSearches).toEqual([]);
  });

  it('counts the same unmet search from one address once an hour, answering it every time; another search or address counts again', async () => {
    const w = await world();
    const full = { from: '2031-03-08', to: '2031-03-09', municipality: 'Assen', needs: ['hoist', 'ground_floor'] };
    for (let i = 0; i < 5; i++) expect((await w.search(full, '198.51.100.7')).places).toEqual([expect.objectContaining({ fits: true, room: false })]);
    expect(await w.logged()).toHaveLength(1);
    // The same needs in another order are the same search.
    await w.search({ ...full, needs: ['ground_floor', 'hoist'] }, '198.51.100.7');
    expect(await w.logged()).toHaveLength(1);
    await w.search({ ...full, to: '2031-03-10' }, '198.51.100.7');
    expect(await w.logged()).toHaveLength(2);
    await w.search(full, '198.51.100.8');
    expect(await w.logged()).toHaveLength(3);
    const started = t.clock.now;
    try {
      t.clock.now = new Date(started.getTime() + 61 * 60_000);
      await w.search(full, '198.51.100.7');
      expect(await w.logged()).toHaveLength(4);
    } finally {
      t.clock.now = started;
    }
    // Nothing in the table says who searched.
    expect(Object.values((await w.logged())[0] ?? {}).map(String).some((v) => v.includes('198.51.100'))).toBe(false);
  });

  it('counts the same unmet search once when it reaches two instances on one database at the same time', async () => {
    const w = await world();
    const { db } = createDb(t.deps.databaseUrl, 5);
    const other = await buildApp({ ...t.deps, db, readDb: db, logLevel: 'silent', nightcareSweeps: false, respite: { now: () => t.clock.now, notify: async () => {}, holdSweep: false } });
    try {
      const url = `/api/public/respite/alliances/${w.allianceId}/search`;
      const payload = { from: '2031-03-08', to: '2031-03-09', municipality: 'Assen' };
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : t.app).inject({ method: 'POST', url, payload, remoteAddress: '203.0.113.9' })));
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
      expect(answers.every((a) => !a.json<SearchAnswer>().found)).toBe(true);
      expect(await w.logged()).toHaveLength(1);
      // The shared count holds a keyed hash, never the address or the search.
      const windows = await t.db.selectFrom('rate_window').select('key_hash').where('purpose', '=', 'respite-unmet-search').execute();
      expect(windows.length).toBeGreaterThan(0);
      expect(windows.every((r) => r.key_hash.length === 32 && !r.key_hash.toString('latin1').includes('203.0.113'))).toBe(true);
    } finally {
      await other.close();
      await db.destroy();
    }
  });
});
