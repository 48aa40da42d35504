import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { addClient, addLocation, createRespiteWorld, startRespiteApp } from '../../../../test/support/respite-world.js';
import { SETUP } from '../../../../test/support/world.js';
import { REQUESTS_PER_HOUR } from './service.js';

const t = await startRespiteApp();

async function worldWithIntake() {
  const w = await createRespiteWorld(t);
  const municipality = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Gemeente Assen', kind: 'municipality' });
  const welfare = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Vaart Welzijn', kind: 'welfare' });
  await t.db.insertInto('respite_intake').values([
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'wmo', organisation_id: municipality, email: 'wmo@assen.example', phone: '14 0592' },
    { alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: welfare, email: 'mantelzorg@vaart.example', phone: '0592 - 111 222' },
  ]).execute();
  return { ...w, municipality, welfare };
}

const request = (overrides: Record<string, unknown> = {}) => ({
  municipality: 'Assen', route: 'caregiver_support', from: '2031-03-06', to: '2031-03-08', forWhom: 'Mijn moeder, 84', needs: 'Loopt met een rollator', contactName: 'Els de Vries', contactEmail: 'els@example.nl', ...overrides,
});

describe('public respite overview and request', () => {
  it('shows places, features, cost and room per month without login and without any personal data', async () => {
    const w = await worldWithIntake();
    const locationId = await addLocation(w.careHome, { beds: ['1'], photos: ['/respite/photos/bloemenhof.jpg'], accessibility: 'Drempelvrij, brede deuren.' });
    const clientId = await addClient(w.home, { familyName: 'Geheimnaam' });
    await w.home.post('/api/respite/stays', { clientId, locationId, from: '2031-01-10', to: '2031-01-31', funding: 'private' });
    const response = await t.app.inject({ method: 'GET', url: `/api/public/respite/alliances/${w.allianceId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ municipalities: string[]; locations: { id: string; pricePerNightCents: number; room: { month: string; level: string }[] }[] }>();
    expect(body.municipalities).toEqual(['Assen']);
    expect(body.locations[0]).toMatchObject({ id: locationId, pricePerNightCents: 9500, accessibility: 'Drempelvrij, brede deuren.' });
    expect(body.locations[0]?.room.slice(0, 2)).toEqual([{ month: '2031-01', level: 'some' }, { month: '2031-02', level: 'plenty' }]);
    expect(response.body).not.toContain('Geheimnaam');
    expect(response.body).not.toContain(clientId);
    const alliances = await t.app.inject({ method: 'GET', url: '/api/public/respite/alliances' });
    expect(alliances.json()).toContainEqual({ id: w.allianceId, name: 'Test alliance' });
  });

  it('sends a request to the intake the person chose in their municipality, with a confirmation e-mail', async () => {
    const w = await worldWithIntake();
    const sent = t.mail.length;
    const welfare = await t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/requests`, payload: request(), remoteAddress: '192.0.2.10' });
    expect(welfare.statusCode).toBe(201);
    expect(welfare.json()).toMatchObject({ intake: { name: 'Vaart Welzijn', phone: '0592 - 111 222' } });
    const wmo = await t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/requests`, payload: request({ route: 'wmo' }), remoteAddress: '192.0.2.10' });
    expect(wmo.json()).toMatchObject({ intake: { name: 'Gemeente Assen' } });
    expect(t.mail.slice(sent).map((m) => [m.to, m.template])).toEqual([
      ['els@example.nl', 'request_received'], ['mantelzorg@vaart.example', 'request_for_intake'],
      ['els@example.nl', 'request_received'], ['wmo@assen.example', 'request_for_intake'],
    ]);
    const stored = await t.db.selectFrom('respite_request').select(['organisation_id', 'source_hash']).where('alliance_id', '=', w.allianceId).orderBy('created_at').execute();
    expect(stored.map((r) => r.organisation_id)).toEqual([w.welfare, w.municipality]);
    expect(stored[0]?.source_hash).not.toContain('192.0.2.10');
  });

  it('limits requests per sender address and refuses an unknown municipality', async () => {
    const w = await worldWithIntake();
    const send = (payload: object, remoteAddress: string) => t.app.inject({ method: 'POST', url: `/api/public/respite/alliances/${w.allianceId}/requests`, payload, remoteAddress });
    expect((await send(request({ municipality: 'Atlantis' }), '192.0.2.30')).statusCode).toBe(400);
    for (let i = 0; i < REQUESTS_PER_HOUR; i++) expect((await send(request(), '192.0.2.20')).statusCode).toBe(201);
    expect((await send(request(), '192.0.2.20')).statusCode).toBe(429);
    expect((await send(request(), '192.0.2.21')).statusCode).toBe(201);
  });
});
