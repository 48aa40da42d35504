import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';

const t = await startRespiteApp();
let counter = 0;

async function world() {
  const w = await createRespiteWorld(t);
  await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: w.homeOrg, email: 'wmo@home.example', phone: '14 0592' }).execute();
  return { ...w, locationId: await addLocation(w.careHome, { beds: ['1'] }) };
}

const sendRequest = (allianceId: string, forWhom: string) =>
  t.app.inject({
    method: 'POST', url: `/api/public/respite/alliances/${allianceId}/requests`, remoteAddress: `203.0.113.${++counter}`,
    payload: { municipality: 'Assen', route: 'wmo', from: '2031-02-07', to: '2031-02-09', forWhom, contactName: 'Els', contactEmail: `els${counter}@example.nl` },
  });

describe('the respite staff desks', () => {
  it('shows the intake its incoming requests, nobody else\'s, and closes one with the reason the need stayed unmet', async () => {
    const w = await world();
    expect((await sendRequest(w.allianceId, 'Mijn vader')).statusCode).toBe(201);
    const mine = await w.home.get('/api/respite/requests');
    expect(mine.statusCode).toBe(200);
    const [request] = mine.json<{ id: string; forWhom: string; status: string }[]>();
    expect(request).toMatchObject({ forWhom: 'Mijn vader', status: 'new' });
    expect((await w.careHome.get('/api/respite/requests')).json()).toEqual([]);
    expect((await w.careHome.post(`/api/respite/requests/${request?.id}/close`, { outcome: 'no_room' })).statusCode).toBe(404);
    expect((await w.home.post(`/api/respite/requests/${request?.id}/close`, { outcome: 'no_room' })).statusCode).toBe(204);
    expect((await w.home.get('/api/respite/requests')).json<{ status: string; outcome: string }[]>()[0]).toMatchObject({ status: 'closed', outcome: 'no_room' });
  });

  it('shows the care home its stays with the person\'s name through the stay grant, and the waiting list; another organisation sees neither', async () => {
    const w = await world();
    const clientId = await addClient(w.home, { givenName: 'Gerrit', familyName: 'Logeer' });
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId: w.locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    expect(stay.statusCode).toBe(201);
    const waiting = await addClient(w.home, { familyName: 'Wachter' });
    await w.home.post('/api/respite/waitlist', { clientId: waiting, locationId: w.locationId, from: '2031-02-01', to: '2031-02-28', contactEmail: 'w@example.nl' });
    expect((await w.careHome.get('/api/respite/my-locations')).json()).toEqual([expect.objectContaining({ id: w.locationId })]);
    const stays = await w.careHome.get(`/api/respite/locations/${w.locationId}/stays?from=2031-02-01&to=2031-03-01`);
    expect(stays.json()).toEqual([expect.objectContaining({ id: stay.json<{ id: string }>().id, person: 'Gerrit Logeer', bed: '1', status: 'requested' })]);
    expect((await w.careHome.get(`/api/respite/locations/${w.locationId}/waitlist`)).json()).toEqual([expect.objectContaining({ from: '2031-02-01', status: 'waiting' })]);
    expect((await w.outsider.get(`/api/respite/locations/${w.locationId}/stays?from=2031-02-01&to=2031-03-01`)).statusCode).toBe(404);
    expect((await w.outsider.get(`/api/respite/locations/${w.locationId}/waitlist`)).statusCode).toBe(404);
    // After a cancellation the care home no longer identifies the person.
    await w.home.post(`/api/respite/stays/${stay.json<{ id: string }>().id}/cancel`);
    const after = await w.careHome.get(`/api/respite/locations/${w.locationId}/stays?from=2031-02-01&to=2031-03-01`);
    expect(after.json<{ status: string; person: string | null }[]>().find((s) => s.status === 'cancelled')?.person).toBeNull();
  });
});
