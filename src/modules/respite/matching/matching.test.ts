import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, needs, startRespiteApp } from '../../../../test/support/respite-world.js';
import { explainMismatch } from './match.js';

const t = await startRespiteApp();

interface Found {
  locations: { id: string; name: string; fits: boolean; reasons: { code: string; text: string }[]; stayedBefore: boolean; suggestedBedId: string | null; freeBeds: { id: string }[] }[];
}

describe('respite matching', () => {
  it('says in words which criterion excludes a location, and puts fitting places first', async () => {
    const w = await createRespiteWorld(t);
    const house = await addLocation(w.careHome, { name: 'Logeerhuis Beilen', offerType: 'respite_house', features: ['ground_floor'], capabilities: [], exclusions: ['dementia'] });
    const home = await addLocation(w.careHome, { name: 'Zorgcentrum Smilde', features: ['ground_floor', 'hoist', 'dementia_safe'], capabilities: ['night_supervision', 'medication'] });
    const clientId = await addClient(w.home);
    expect((await w.home.put(`/api/respite/clients/${clientId}/needs`, needs({ cognition: 'dementia', nightCare: true }))).statusCode).toBe(204);
    const found = (await w.home.get(`/api/respite/search?from=2031-02-07&to=2031-02-09&clientId=${clientId}`)).json<Found>();
    expect(found.locations.map((l) => l.id)).toEqual([home, house]);
    const excluded = found.locations[1];
    expect(excluded?.fits).toBe(false);
    expect(excluded?.reasons.map((r) => r.code)).toEqual(['no_night_supervision', 'excludes_dementia']);
    expect(excluded?.reasons[1]?.text).toBe('Deze plek neemt geen mensen met dementie op.');
    expect(found.locations[0]).toMatchObject({ fits: true, reasons: [] });
  });

  it('names a full location as having no room on those dates', async () => {
    const w = await createRespiteWorld(t);
    const full = await addLocation(w.careHome, { beds: ['1'] });
    const [a, b] = [await addClient(w.home), await addClient(w.home, { familyName: 'Ander' })];
    await w.home.post('/api/respite/stays', { clientId: a, locationId: full, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    await w.home.put(`/api/respite/clients/${b}/needs`, needs());
    const found = (await w.home.get(`/api/respite/search?from=2031-02-08&to=2031-02-10&clientId=${b}`)).json<Found>();
    expect(found.locations[0]?.reasons.map((r) => r.code)).toEqual(['no_room']);
  });

  it('prefers the place and bed of the earlier stay (continuity)', async () => {
    const w = await createRespiteWorld(t);
    await addLocation(w.careHome, { name: 'A eerst alfabetisch', beds: ['1', '2'] });
    const usual = await addLocation(w.careHome, { name: 'Z de vaste plek', beds: ['1', '2', '3'] });
    const clientId = await addClient(w.home);
    await w.home.put(`/api/respite/clients/${clientId}/needs`, needs());
    const beds = await t.db.selectFrom('respite_bed').select(['id', 'label']).where('location_id', '=', usual).orderBy('label').execute();
    const bed3 = beds[2]?.id;
    expect((await w.home.post('/api/respite/stays', { clientId, locationId: usual, bedId: bed3, from: '2031-02-07', to: '2031-02-09', funding: 'private' })).statusCode).toBe(201);
    const found = (await w.home.get(`/api/respite/search?from=2031-03-21&to=2031-03-23&clientId=${clientId}`)).json<Found>();
    expect(found.locations[0]).toMatchObject({ id: usual, stayedBefore: true, suggestedBedId: bed3 });
    const next = await w.home.post('/api/respite/stays', { clientId, locationId: usual, from: '2031-03-21', to: '2031-03-23', funding: 'private' });
    expect(next.json<{ bedId: string }>().bedId).toBe(bed3);
  });

  it('filters by municipality, offer type and distance', async () => {
    const w = await createRespiteWorld(t);
    await addLocation(w.careHome, { name: 'Assen', municipality: 'Assen', latitude: 52.99, longitude: 6.56 });
    await addLocation(w.careHome, { name: 'Beilen', municipality: 'Midden-Drenthe', offerType: 'respite_house', latitude: 52.86, longitude: 6.51 });
    const names = async (query: string) => (await w.home.get(`/api/respite/search?from=2031-02-07&to=2031-02-09&${query}`)).json<Found>().locations.map((l) => l.name);
    expect(await names('municipality=Midden-Drenthe')).toEqual(['Beilen']);
    expect(await names('offerType=care_home')).toEqual(['Assen']);
    expect(await names('latitude=52.99&longitude=6.56&withinKm=5')).toEqual(['Assen']);
  });
});

describe('explainMismatch', () => {
  const offer = { features: [], capabilities: [], exclusions: [], fundingAccepted: ['private'] };
  it('lists every unmet need and an unaccepted funding scheme', () => {
    expect(explainMismatch(offer, needs({ mobility: 'bedbound', twoPersonTransfer: true, medication: 'administered', pets: true }) as never, 'wmo')).toEqual([
      'no_step_free_access', 'no_hoist', 'no_two_person_transfer', 'no_medication', 'no_pets', 'funding_not_accepted',
    ]);
  });
  it('finds nothing to object to for a person who needs nothing special', () => {
    expect(explainMismatch(offer, needs() as never, 'private')).toEqual([]);
  });
});
