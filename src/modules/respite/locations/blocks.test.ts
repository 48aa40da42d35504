import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { lockBeds } from '../availability/store.js';
import { addClient, addLocation, createRespiteWorld, startRespiteApp, type RespiteWorld } from '../../../../test/support/respite-world.js';

const t = await startRespiteApp();

/** The location's beds by label, read from its occupancy. */
async function bedsOf(w: RespiteWorld, locationId: string): Promise<Map<string, string>> {
  const days = await w.careHome.get(`/api/respite/locations/${locationId}/occupancy?from=2031-04-01&to=2031-04-02`);
  expect(days.statusCode).toBe(200);
  return new Map(days.json<{ bed_id: string; label: string }[]>().map((d) => [d.label, d.bed_id]));
}

const activeRows = (locationId: string) =>
  t.db.selectFrom('respite_booking').select(['kind', 'bed_id']).where('location_id', '=', locationId).where('status', 'in', ['requested', 'booked', 'held']).execute();

describe('respite bed blocks', () => {
  it('blocks a free bed, refuses a block over a booked stay with 409 and writes nothing for it', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
    const beds = await bedsOf(w, locationId);
    const block = await w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId: beds.get('2'), from: '2031-04-01', to: '2031-04-05', kind: 'maintenance' });
    expect(block.statusCode, block.body).toBe(201);
    const clientId = await addClient(w.home);
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId, bedId: beds.get('1'), from: '2031-04-10', to: '2031-04-12', funding: 'private' });
    expect(stay.statusCode, stay.body).toBe(201);

    const over = await w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId: beds.get('1'), from: '2031-04-11', to: '2031-04-15', kind: 'block' });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json<{ error: { code: string } }>().error.code).toBe('BED_TAKEN');
    const again = await w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId: beds.get('2'), from: '2031-04-04', to: '2031-04-06', kind: 'block' });
    expect(again.statusCode, again.body).toBe(409);
    expect((await activeRows(locationId)).map((r) => r.kind).sort()).toEqual(['maintenance', 'stay']);

    // The night after the block is free again: [from, to) leaves `to` open.
    const after = await w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId: beds.get('2'), from: '2031-04-05', to: '2031-04-06', kind: 'block' });
    expect(after.statusCode, after.body).toBe(201);
  });

  it('refuses a block without a night (400, naming the field), a bed of another location and another organisation (404)', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const bedId = (await bedsOf(w, locationId)).get('1');
    for (const [from, to] of [['2031-04-03', '2031-04-03'], ['2031-04-05', '2031-04-01']]) {
      const wrong = await w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId, from, to, kind: 'block' });
      expect(wrong.statusCode, wrong.body).toBe(400);
      expect(wrong.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual(['to']);
    }
    const otherLocation = await addLocation(w.careHome, { beds: ['9'] });
    const foreignBed = await w.careHome.post(`/api/respite/locations/${otherLocation}/blocks`, { bedId, from: '2031-04-01', to: '2031-04-02', kind: 'block' });
    expect(foreignBed.statusCode, foreignBed.body).toBe(404);
    const outsider = await w.home.post(`/api/respite/locations/${locationId}/blocks`, { bedId, from: '2031-04-01', to: '2031-04-02', kind: 'block' });
    expect(outsider.statusCode, outsider.body).toBe(404);
    expect(await activeRows(locationId)).toEqual([]);
  });

  it('gives a single bed to exactly one of parallel blocks and bookings, the rest refused with 409, none with 5xx', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['only'] });
    const bedId = (await bedsOf(w, locationId)).get('only');
    const clients = await Promise.all(Array.from({ length: 12 }, (_, i) => addClient(w.home, { familyName: `Block${i}` })));
    const answers = await Promise.all([
      ...clients.map((clientId) => w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-04-20', to: '2031-04-23', funding: 'private' })),
      ...clients.map((_, i) => w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId, from: `2031-04-${21 + (i % 2)}`, to: '2031-04-24', kind: 'block' })),
    ]);
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201), codes.join()).toHaveLength(1);
    expect(codes.filter((c) => c === 409), codes.join()).toHaveLength(23);
    expect(await activeRows(locationId)).toHaveLength(1);
  }, 60_000);

  it('gives nights of a single bed to exactly one of parallel moves of stays and blocks, the rest refused with 409, none with 5xx', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['only'] });
    const bedId = (await bedsOf(w, locationId)).get('only');
    const stayIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const clientId = await addClient(w.home, { familyName: `Move${i}` });
      const day = String(1 + 2 * i).padStart(2, '0');
      const stay = await w.home.post('/api/respite/stays', { clientId, locationId, from: `2031-05-${day}`, to: `2031-05-${String(2 + 2 * i).padStart(2, '0')}`, funding: 'private' });
      expect(stay.statusCode, stay.body).toBe(201);
      stayIds.push(stay.json<{ id: string }>().id);
    }
    const answers = await Promise.all([
      ...stayIds.map((id) => w.home.patch(`/api/respite/stays/${id}`, { from: '2031-05-28', to: '2031-05-30' })),
      ...stayIds.map((_, i) => w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId, from: `2031-05-${28 + (i % 2)}`, to: '2031-05-31', kind: 'block' })),
    ]);
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200 || c === 201), codes.join()).toHaveLength(1);
    expect(codes.filter((c) => c === 409), codes.join()).toHaveLength(23);
    const onThoseNights = await t.db
      .selectFrom('respite_booking')
      .select('id')
      .where('location_id', '=', locationId)
      .where('status', 'in', ['requested', 'booked', 'held'])
      .where(sql<boolean>`nights && '[2031-05-28,2031-05-31)'::daterange`)
      .execute();
    expect(onThoseNights).toHaveLength(1);
  }, 60_000);

  it('claims nights on a bed, by a block or by moving a stay, only under the location\'s lock', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
    const beds = await bedsOf(w, locationId);
    const stay = await w.home.post('/api/respite/stays', { clientId: await addClient(w.home), locationId, bedId: beds.get('1'), from: '2031-06-01', to: '2031-06-02', funding: 'private' });
    expect(stay.statusCode, stay.body).toBe(201);
    const settled = new Set<string>();
    const claims = await t.db.transaction().execute(async (trx) => {
      await lockBeds(trx, locationId);
      const block = w.careHome.post(`/api/respite/locations/${locationId}/blocks`, { bedId: beds.get('2'), from: '2031-06-10', to: '2031-06-12', kind: 'block' });
      const move = w.home.patch(`/api/respite/stays/${stay.json<{ id: string }>().id}`, { from: '2031-06-20', to: '2031-06-21' });
      void block.then(() => settled.add('block'));
      void move.then(() => settled.add('move'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Both wait for whoever holds the lock (here this transaction) instead of racing it.
      expect([...settled]).toEqual([]);
      return { block, move };
    });
    const [block, move] = await Promise.all([claims.block, claims.move]);
    expect(block.statusCode, block.body).toBe(201);
    expect(move.statusCode, move.body).toBe(200);
  });
});
