import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';

let t: TestApp;
let world: CircleWorld;
let admin: Staff;
let coordinator: Staff;
let otherAdmin: Staff;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  admin = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'nba-admin');
  coordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'nba-coordinator');
  otherAdmin = await staffOf(t.app, t.db, t.deps.secretBox, (await createCircleWorld(t.db)).homeOrg, ['alliance_admin'], 'nba-other');
});

const publicPage = async (slug: string) => t.app.inject({ method: 'GET', url: `/api/public/neighbourhoods/${slug}` });

async function neighbourhood() {
  const slug = `bargeres-${++counter}`;
  const response = await admin.session.post('/api/neighbourhoods', { slug, name: 'Bargeres', municipality: 'Emmen', postcodes: ['7812'] });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json<{ id: string }>().id, slug };
}

const edit = (slug: string, overrides: Record<string, unknown> = {}) => ({ slug, name: 'Bargeres-Oost', municipality: 'Emmen', postcodes: ['7812', '7813'], intro: 'Samen in de wijk.', fictional: true, ...overrides });

describe('the administrator’s screen for a neighbourhood partnership', () => {
  it('edits the neighbourhood, its ambitions and commitments, and the public page shows the change', async () => {
    const n = await neighbourhood();
    const newSlug = `${n.slug}-oost`;
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}`, edit(newSlug))).statusCode).toBe(204);
    expect((await publicPage(n.slug)).statusCode).toBe(404);
    expect((await admin.session.post(`/api/neighbourhoods/${n.id}/partners`, { organisationId: world.municipality })).statusCode).toBe(204);
    const ambition = (await admin.session.post(`/api/neighbourhoods/${n.id}/ambitions`, { title: 'Iedereen veilig thuis' })).json<{ id: string }>().id;
    const commitment = (await admin.session.post(`/api/neighbourhoods/${n.id}/commitments`, { ambitionId: ambition, organisationId: world.municipality, text: 'Valpreventie' })).json<{ id: string }>().id;
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/ambitions/${ambition}`, { title: 'Iedereen veilig en fijn thuis', description: 'Minder vallen.' })).statusCode).toBe(204);
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/commitments/${commitment}`, { text: 'Valpreventie in elke straat', dueOn: '2027-12-31' })).statusCode).toBe(204);
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/commitments/${commitment}/progress`, { progress: 25, note: 'Twee straten klaar' })).statusCode).toBe(204);
    const page = await publicPage(newSlug);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      name: 'Bargeres-Oost',
      postcodes: ['7812', '7813'],
      intro: 'Samen in de wijk.',
      fictional: true,
      partners: [{ name: 'Municipality', kind: 'municipality' }],
      ambitions: [{ title: 'Iedereen veilig en fijn thuis', description: 'Minder vallen.', progress: 25, commitments: [{ text: 'Valpreventie in elke straat', dueOn: '2027-12-31', progress: 25, note: 'Twee straten klaar' }] }],
    });
    expect((await admin.session.get(`/api/neighbourhoods/${n.id}`)).json()).toEqual(page.json());
  });

  it('lets a partner go only once it has no commitments left', async () => {
    const n = await neighbourhood();
    for (const organisationId of [world.municipality, world.hospital]) expect((await admin.session.post(`/api/neighbourhoods/${n.id}/partners`, { organisationId })).statusCode).toBe(204);
    const ambition = (await admin.session.post(`/api/neighbourhoods/${n.id}/ambitions`, { title: 'Zorg dichtbij' })).json<{ id: string }>().id;
    expect((await admin.session.post(`/api/neighbourhoods/${n.id}/commitments`, { ambitionId: ambition, organisationId: world.municipality, text: 'Buurtkamer' })).statusCode).toBe(201);
    const refused = await admin.session.delete(`/api/neighbourhoods/${n.id}/partners/${world.municipality}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('has_commitments');
    expect((await admin.session.delete(`/api/neighbourhoods/${n.id}/partners/${world.hospital}`)).statusCode).toBe(204);
    expect((await admin.session.delete(`/api/neighbourhoods/${n.id}/partners/${world.hospital}`)).statusCode).toBe(404);
    expect((await publicPage(n.slug)).json<{ partners: { name: string }[] }>().partners.map((p) => p.name)).toEqual(['Municipality']);
  });

  it('refuses edits by anyone but this alliance’s administrator (403, or 404 from another alliance)', async () => {
    const n = await neighbourhood();
    const ambition = (await admin.session.post(`/api/neighbourhoods/${n.id}/ambitions`, { title: 'Samen' })).json<{ id: string }>().id;
    expect((await coordinator.session.put(`/api/neighbourhoods/${n.id}`, edit(n.slug))).statusCode).toBe(403);
    expect((await coordinator.session.put(`/api/neighbourhoods/${n.id}/ambitions/${ambition}`, { title: 'Anders' })).statusCode).toBe(403);
    expect((await coordinator.session.delete(`/api/neighbourhoods/${n.id}/partners/${world.homeOrg}`)).statusCode).toBe(403);
    expect((await otherAdmin.session.put(`/api/neighbourhoods/${n.id}`, edit(n.slug))).statusCode).toBe(404);
    expect((await otherAdmin.session.get(`/api/neighbourhoods/${n.id}`)).statusCode).toBe(404);
    expect((await publicPage(n.slug)).json<{ name: string }>().name).toBe('Bargeres');
  });

  it('answers bad input with 400 and the field, and a taken address with 409', async () => {
    const n = await neighbourhood();
    const taken = await neighbourhood();
    for (const [overrides, field] of [[{ slug: 'Met Spaties' }, 'slug'], [{ postcodes: ['123'] }, 'postcodes'], [{ name: '' }, 'name'], [{ postcodes: ['0123'] }, 'postcodes']] as const) {
      const response = await admin.session.put(`/api/neighbourhoods/${n.id}`, edit(n.slug, overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.body).toContain(field);
    }
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}`, edit(taken.slug))).statusCode).toBe(409);
    const ambition = (await admin.session.post(`/api/neighbourhoods/${n.id}/ambitions`, { title: 'Samen' })).json<{ id: string }>().id;
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/ambitions/${ambition}`, { title: '' })).statusCode).toBe(400);
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/commitments/${ambition}`, { text: 'Niets', dueOn: null })).statusCode).toBe(404);
    expect((await admin.session.put(`/api/neighbourhoods/${n.id}/commitments/${ambition}`, { text: 'Niets', dueOn: '31-12-2027' })).statusCode).toBe(400);
  });
});
