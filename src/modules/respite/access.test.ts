import { describe, expect, it } from 'vitest';
import { addClient, addLocation, createRespiteWorld, needs, startRespiteApp } from '../../../test/support/respite-world.js';

const t = await startRespiteApp();

const auditOf = (clientId: string, organisationId: string) =>
  t.db.selectFrom('audit_log').select(['outcome', 'purpose', 'resource']).where('client_id', '=', clientId).where('organisation_id', '=', organisationId).where('resource', '=', 'respite_needs').orderBy('id').execute();

describe('respite access to a person\'s needs', () => {
  it('lets a care home of another organisation read the needs only while a stay there is requested or booked, audited each time', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    await w.home.put(`/api/respite/clients/${clientId}/needs`, needs({ diet: 'glutenvrij' }));
    expect((await w.home.get(`/api/respite/clients/${clientId}/needs`)).json()).toMatchObject({ diet: 'glutenvrij' });

    const before = await w.careHome.get(`/api/respite/clients/${clientId}/needs`);
    expect(before.statusCode).toBe(404);

    const stay = await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    expect(stay.statusCode).toBe(201);
    const during = await w.careHome.get(`/api/respite/clients/${clientId}/needs`);
    expect(during.statusCode).toBe(200);
    expect(during.json()).toMatchObject({ diet: 'glutenvrij' });
    expect((await w.outsider.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(404);

    await w.home.post(`/api/respite/stays/${stay.json<{ id: string }>().id}/cancel`);
    expect((await w.careHome.get(`/api/respite/clients/${clientId}/needs`)).statusCode).toBe(404);

    expect(await auditOf(clientId, w.partnerOrg)).toEqual([
      { outcome: 'refused', purpose: null, resource: 'respite_needs' },
      { outcome: 'allowed', purpose: 'stay', resource: 'respite_needs' },
      { outcome: 'refused', purpose: null, resource: 'respite_needs' },
    ]);
    expect(await auditOf(clientId, w.outsiderOrg)).toEqual([{ outcome: 'refused', purpose: null, resource: 'respite_needs' }]);
  });

  it('does not open the night summary or the record to the care home through a stay', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' });
    expect((await w.careHome.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    expect((await w.careHome.get(`/api/clients/${clientId}`)).statusCode).toBe(404);
  });

  it('refuses another organisation to book for, or change the needs of, a person it does not care for', async () => {
    const w = await createRespiteWorld(t);
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    expect((await w.outsider.post('/api/respite/stays', { clientId, locationId, from: '2031-02-07', to: '2031-02-09', funding: 'private' })).statusCode).toBe(404);
    expect((await w.careHome.put(`/api/respite/clients/${clientId}/needs`, needs())).statusCode).toBe(404);
  });
});
