import { describe, expect, it } from 'vitest';
import { login } from '../../../test/support/app.js';
import { addClient, addLocation, createRespiteWorld, needs, startRespiteApp } from '../../../test/support/respite-world.js';
import { addUser } from '../../../test/support/world.js';

const t = await startRespiteApp();

describe('the care home\'s access follows the stay', () => {
  it('opens the needs to care home staff who joined after the booking, and to nobody after a cancellation', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    await w.home.put(`/api/respite/clients/${clientId}/needs`, needs({ diet: 'zoutarm' }));
    const stay = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    expect(stay.statusCode).toBe(201);
    const hired = await addUser(t.db, t.deps.secretBox, w.partnerOrg, ['nurse'], 'night-nurse-hired-later');
    const newNurse = await login(t.app, hired);
    const read = await newNurse.get(`/api/respite/clients/${clientId}/needs`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ diet: 'zoutarm' });
    const audit = await t.db.selectFrom('audit_log').select(['purpose', 'grant_id']).where('client_id', '=', clientId).where('user_id', '=', hired.id).where('resource', '=', 'respite_needs').execute();
    expect(audit).toEqual([{ purpose: 'stay', grant_id: expect.any(String) as string }]);
    // The same grant does not open it to the outsider's staff, however many join there.
    const outsiderNurse = await login(t.app, await addUser(t.db, t.deps.secretBox, w.outsiderOrg, ['nurse'], 'outsider-nurse'));
    expect((await outsiderNurse.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(404);
    await w.home.post(`/api/respite/stays/${stay.json<{ id: string }>().id}/cancel`);
    expect((await newNurse.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(404);
  });

  it('grants the needs when a waiting-list hold is accepted at the care home\'s desk, and revokes them when the stay is cancelled there', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const first = await addClient(w.home, { familyName: 'Eerste' });
    const waiting = await addClient(w.home, { familyName: 'Wachtend' });
    await w.home.put(`/api/respite/clients/${waiting}/needs`, needs({ diet: 'vegetarisch' }));
    const stay = await w.home.post('/api/respite/stays', { clientId: first, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    await w.home.post('/api/respite/waitlist', { clientId: waiting, locationId, from: '2031-02-01', to: '2031-02-28', contactEmail: 'wacht@example.nl' });
    expect((await w.careHome.post(`/api/respite/stays/${stay.json<{ id: string }>().id}/cancel`)).statusCode).toBe(200);
    const held = await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', waiting).where('status', '=', 'held').executeTakeFirstOrThrow();
    // A hold alone opens nothing: the person has not said yes yet.
    expect((await w.careHome.get(`/api/respite/clients/${waiting}/needs`)).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/respite/stays/${held.id}/accept-offer`)).statusCode).toBe(404);
    expect((await w.careHome.post(`/api/respite/stays/${held.id}/accept-offer`)).statusCode).toBe(200);
    expect((await w.careHome.get(`/api/respite/clients/${waiting}/needs`)).json()).toMatchObject({ diet: 'vegetarisch' });
    expect((await w.careHome.post(`/api/respite/stays/${held.id}/cancel`)).statusCode).toBe(200);
    expect((await w.careHome.get(`/api/respite/clients/${waiting}/needs`)).statusCode).toBe(404);
  });

  it('lets only one of two simultaneous Wmo bookings use the last remaining nights', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome, { beds: ['1', '2', '3'] });
    const clientId = await addClient(w.home);
    expect((await w.home.post('/api/respite/funding', { clientId, scheme: 'wmo', nightsPerYear: 3, validFrom: '2031-01-01', reference: 'WMO-9' })).statusCode).toBe(201);
    for (let round = 0; round < 3; round++) {
      const month = `0${round + 2}`;
      const answers = await Promise.all(
        ['07', '17'].map((day) => w.home.post('/api/respite/stays', { clientId, locationId, from: `2031-${month}-${day}`, to: `2031-${month}-${String(Number(day) + 2).padStart(2, '0')}`, funding: 'wmo' })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual(round === 0 ? [201, 422] : [422, 422]);
    }
    const used = await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).where('status', '=', 'requested').execute();
    expect(used).toHaveLength(1);
  });
});
