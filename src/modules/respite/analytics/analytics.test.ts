import { describe, expect, it } from 'vitest';
import { addClient, addLocation, addPartner, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';
import type { Analytics } from './schemas.js';

const t = await startRespiteApp();

/** February 2031 at a two-bed care home: eight stays (one cancelled, one no-show), a two-night block, and requests. */
async function world() {
  const w = await createRespiteWorld(t);
  const locationId = await addLocation(w.careHome, { beds: ['1', '2'] });
  const beds = await t.db.selectFrom('respite_bed').select(['id', 'label']).where('location_id', '=', locationId).orderBy('label').execute();
  const bed = (label: string) => beds.find((b) => b.label === label)?.id ?? '';
  const stay = async (label: string, from: string, to: string, status: 'booked' | 'cancelled' | 'no_show', createdAt: string) =>
    t.db.insertInto('respite_booking').values({
      alliance_id: w.allianceId, organisation_id: w.partnerOrg, location_id: locationId, bed_id: bed(label), kind: 'stay', client_id: await addClient(w.home), nights: `[${from},${to})`, status, funding: 'private', created_at: new Date(createdAt),
    }).execute();
  // Booked: 2+3+2+2+4+3 = 16 nights, lead times 10, 20, 30, 31, 45 and 60 days.
  await stay('1', '2031-02-01', '2031-02-03', 'booked', '2031-01-22T10:00:00Z');
  await stay('1', '2031-02-05', '2031-02-08', 'booked', '2031-01-16T10:00:00Z');
  await stay('1', '2031-02-10', '2031-02-12', 'booked', '2031-01-11T10:00:00Z');
  await stay('2', '2031-02-01', '2031-02-03', 'booked', '2031-01-01T10:00:00Z');
  await stay('2', '2031-02-05', '2031-02-09', 'booked', '2030-12-22T10:00:00Z');
  await stay('2', '2031-02-26', '2031-03-01', 'booked', '2030-12-28T10:00:00Z');
  await stay('1', '2031-02-14', '2031-02-16', 'cancelled', '2031-01-02T10:00:00Z');
  await stay('1', '2031-02-20', '2031-02-22', 'no_show', '2031-01-02T10:00:00Z');
  await t.db.insertInto('respite_booking').values({ alliance_id: w.allianceId, organisation_id: w.partnerOrg, location_id: locationId, bed_id: bed('2'), kind: 'maintenance', nights: '[2031-02-20,2031-02-22)', status: 'booked' }).execute();
  const request = (municipality: string, outcome: 'no_room' | 'declined' | null) =>
    t.db.insertInto('respite_request').values({
      alliance_id: w.allianceId, organisation_id: w.homeOrg, route: 'wmo', municipality, wanted: '[2031-03-01,2031-03-03)', for_whom: 'Moeder', needs: '', contact_name: 'X', contact_email: 'x@example.nl', source_hash: 'h',
      status: outcome ? 'closed' : 'new', outcome, created_at: new Date('2031-02-10T10:00:00Z'),
    }).execute();
  for (let i = 0; i < 5; i++) await request('Assen', 'no_room');
  await request('Assen', 'declined');
  await request('Midden-Drenthe', 'no_room');
  return { ...w, locationId, insurer: await addPartner(t, w, 'insurer', 'insurer'), elders: await addPartner(t, w, 'older_persons_organisation', 'elders'), gp: await addPartner(t, w, 'gp_post', 'gp') };
}

describe('respite analytics for the municipality', () => {
  it('computes occupancy as booked ÷ available nights per location, offer type and month, blocks not available and no-shows not used', async () => {
    const w = await world();
    const response = await w.insurer.session.get('/api/respite/analytics?from=2031-02&to=2031-03');
    expect(response.statusCode).toBe(200);
    const body = response.json<Analytics>();
    expect(body.occupancy.filter((o) => o.locationId === w.locationId)).toEqual([
      expect.objectContaining({ month: '2031-02', availableNights: 54, bookedNights: 16, rate: 0.296, offerType: 'care_home' }),
      expect.objectContaining({ month: '2031-03', availableNights: 62, bookedNights: 0, rate: 0 }),
    ]);
    expect(body.occupancyByOfferType).toEqual(expect.arrayContaining([{ offerType: 'care_home', month: '2031-02', availableNights: 54, bookedNights: 16, rate: 0.296 }]));
  });

  it('gives stays, median lead time, cancellations and no-shows, hiding the counts below five', async () => {
    const w = await world();
    const body = (await w.elders.session.get('/api/respite/analytics?from=2031-02&to=2031-02')).json<Analytics>();
    // Lead times 10, 20, 30, 31, 45, 60 and the no-show's 49 (the cancelled stay's not): median 31.
    expect(body.stays).toEqual([expect.objectContaining({ month: '2031-02', stays: 8, cancelled: null, noShow: null, medianLeadDays: 31 })]);
    expect(body.minGroupSize).toBe(5);
  });

  it('counts unmet requests by reason per municipality and hides small groups', async () => {
    const w = await world();
    const body = (await w.insurer.session.get('/api/respite/analytics?from=2031-02&to=2031-02')).json<Analytics>();
    expect(body.unmet.filter((u) => u.municipality === 'Assen')).toEqual([
      // Six requests with one declined: the total is hidden too, or 6 - 5 would give the declined one back.
      { municipality: 'Assen', requests: null, reason: 'no_room', n: 5 },
      { municipality: 'Assen', requests: null, reason: 'no_fit', n: 0 },
      { municipality: 'Assen', requests: null, reason: 'no_funding', n: 0 },
      { municipality: 'Assen', requests: null, reason: 'declined', n: null },
    ]);
    expect(body.unmet.filter((u) => u.municipality === 'Midden-Drenthe').every((u) => u.requests === null && u.n === null)).toBe(true);
    await t.db.insertInto('respite_settings').values({ alliance_id: w.allianceId, min_group_size: 3 }).execute();
    const lower = (await w.insurer.session.get('/api/respite/analytics?from=2031-02&to=2031-02')).json<Analytics>();
    expect(lower.stays[0]).toMatchObject({ cancelled: null, noShow: null });
    expect(lower.unmet.find((u) => u.municipality === 'Midden-Drenthe' && u.reason === 'no_room')).toMatchObject({ requests: null, n: null });
  });

  it('downloads each figure as CSV with the hidden cells marked', async () => {
    const w = await world();
    const csv = await w.insurer.session.get('/api/respite/analytics/unmet.csv?from=2031-02&to=2031-02');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('logeerzorg-unmet-2031-02-2031-02.csv');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Gemeente;Aanvragen;Reden;Aantal');
    expect(lines).toContain('Assen;verborgen;no_room;5');
    expect(lines).toContain('Assen;verborgen;declined;<5');
    const occupancy = await w.insurer.session.get('/api/respite/analytics/occupancy.csv?from=2031-02&to=2031-02');
    expect(occupancy.body).toContain(';2031-02;54;16;0,296');
    expect((await w.insurer.session.get('/api/respite/analytics/people.csv')).statusCode).toBe(400);
  });

  it('refuses bad periods and partners without the analytics role', async () => {
    const w = await world();
    expect((await w.insurer.session.get('/api/respite/analytics?from=2031-05&to=2031-02')).statusCode).toBe(400);
    expect((await w.insurer.session.get('/api/respite/analytics?from=2031-13')).statusCode).toBe(400);
    expect((await w.insurer.session.get('/api/respite/analytics?from=2027-01&to=2031-02')).statusCode).toBe(400);
    expect((await w.gp.session.get('/api/respite/analytics')).statusCode).toBe(404);
    expect((await w.gp.session.get('/api/respite/analytics/occupancy.csv')).statusCode).toBe(404);
  });

  it('refuses a minimum group below 3, where every hidden count would be exactly one person', async () => {
    const w = await createRespiteWorld(t);
    const set = (minGroupSize: number) => t.db.insertInto('respite_settings').values({ alliance_id: w.allianceId, min_group_size: minGroupSize })
      .onConflict((c) => c.column('alliance_id').doUpdateSet({ min_group_size: minGroupSize })).execute();
    await expect(set(2)).rejects.toMatchObject({ code: '23514', constraint: 'respite_settings_min_group_size_check' });
    await set(3);
    const row = await t.db.selectFrom('respite_settings').select('min_group_size').where('alliance_id', '=', w.allianceId).executeTakeFirstOrThrow();
    expect(row.min_group_size).toBe(3);
  });
});
