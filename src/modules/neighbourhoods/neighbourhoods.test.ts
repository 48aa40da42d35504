import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';

let t: TestApp;
let world: CircleWorld;
let otherWorld: CircleWorld;
let allianceAdmin: Staff;
let homeCoordinator: Staff;
let municipalityCoordinator: Staff;
let otherAdmin: Staff;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  otherWorld = await createCircleWorld(t.db);
  allianceAdmin = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'nb-admin');
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'nb-home');
  municipalityCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.municipality, ['coordinator'], 'nb-municipality');
  otherAdmin = await staffOf(t.app, t.db, t.deps.secretBox, otherWorld.homeOrg, ['alliance_admin'], 'nb-other');
});

async function created(response: { statusCode: number; body: string; json: <T>() => T }): Promise<string> {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A neighbourhood with the home care organisation and the municipality as partners, one shared ambition and a commitment of each. */
async function partnership() {
  const slug = `angelslo-${++counter}`;
  const id = await created(await allianceAdmin.session.post('/api/neighbourhoods', { slug, name: 'Angelslo', municipality: 'Emmen', postcodes: ['7824'], intro: 'Samen zorgen dat ouderen thuis kunnen blijven wonen.', fictional: true }));
  for (const organisationId of [world.homeOrg, world.municipality]) expect((await allianceAdmin.session.post(`/api/neighbourhoods/${id}/partners`, { organisationId })).statusCode).toBe(204);
  const ambition = await created(await allianceAdmin.session.post(`/api/neighbourhoods/${id}/ambitions`, { title: 'Niemand is alleen', description: 'Elke oudere kent iemand in de buurt.' }));
  const care = await created(await allianceAdmin.session.post(`/api/neighbourhoods/${id}/commitments`, { ambitionId: ambition, organisationId: world.homeOrg, text: 'Elke cliënt heeft een zorgkring', dueOn: '2027-06-30' }));
  const municipal = await created(await allianceAdmin.session.post(`/api/neighbourhoods/${id}/commitments`, { ambitionId: ambition, organisationId: world.municipality, text: 'Een buurtkamer open op vijf dagen' }));
  return { id, slug, ambition, care, municipal };
}

describe('the neighbourhood partnership', () => {
  it('shows residents, without login, the partners, the shared ambitions and each partner’s commitments with progress', async () => {
    const p = await partnership();
    expect((await homeCoordinator.session.put(`/api/neighbourhoods/${p.id}/commitments/${p.care}/progress`, { progress: 40, note: '12 van de 30 cliënten' })).statusCode).toBe(204);
    expect((await municipalityCoordinator.session.put(`/api/neighbourhoods/${p.id}/commitments/${p.municipal}/progress`, { progress: 80 })).statusCode).toBe(204);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/neighbourhoods/${p.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      name: 'Angelslo',
      municipality: 'Emmen',
      fictional: true,
      partners: [
        { name: 'Home care', kind: 'care_provider' },
        { name: 'Municipality', kind: 'municipality' },
      ],
      ambitions: [
        {
          title: 'Niemand is alleen',
          progress: 60,
          commitments: [
            { partner: 'Home care', text: 'Elke cliënt heeft een zorgkring', dueOn: '2027-06-30', progress: 40, note: '12 van de 30 cliënten' },
            { partner: 'Municipality', text: 'Een buurtkamer open op vijf dagen', progress: 80 },
          ],
        },
      ],
    });
  });

  it('lets only the partner that made a commitment (or the alliance administrator) report its progress', async () => {
    const p = await partnership();
    expect((await municipalityCoordinator.session.put(`/api/neighbourhoods/${p.id}/commitments/${p.care}/progress`, { progress: 100 })).statusCode).toBe(403);
    expect((await otherAdmin.session.put(`/api/neighbourhoods/${p.id}/commitments/${p.care}/progress`, { progress: 100 })).statusCode).toBe(404);
    expect((await allianceAdmin.session.put(`/api/neighbourhoods/${p.id}/commitments/${p.care}/progress`, { progress: 101 })).statusCode).toBe(400);
    const page = (await t.app.inject({ method: 'GET', url: `/api/public/neighbourhoods/${p.slug}` })).json<{ ambitions: { commitments: { progress: number }[] }[] }>();
    expect(page.ambitions[0]?.commitments.map((c) => c.progress)).toEqual([0, 0]);
  });

  it('refuses a commitment by an organisation that is not a partner, and set-up by anyone but the alliance administrator', async () => {
    const p = await partnership();
    expect((await allianceAdmin.session.post(`/api/neighbourhoods/${p.id}/commitments`, { ambitionId: p.ambition, organisationId: world.gpPost, text: 'Spreekuur in de wijk' })).statusCode).toBe(400);
    expect((await homeCoordinator.session.post(`/api/neighbourhoods/${p.id}/ambitions`, { title: 'Iets anders' })).statusCode).toBe(403);
    expect((await allianceAdmin.session.post(`/api/neighbourhoods/${p.id}/partners`, { organisationId: otherWorld.homeOrg })).statusCode).toBe(404);
    expect((await allianceAdmin.session.post('/api/neighbourhoods', { slug: p.slug, name: 'Dubbel', municipality: 'Emmen' })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/neighbourhoods/bestaat-niet' })).statusCode).toBe(404);
    // An address that could never be a neighbourhood's is bad input (a NUL byte once reached PostgreSQL as a 500).
    for (const slug of ['%00', 'Hoofd%20Straat', 'a'.repeat(81)]) expect((await t.app.inject({ method: 'GET', url: `/api/public/neighbourhoods/${slug}` })).statusCode, slug).toBe(400);
  });
});
