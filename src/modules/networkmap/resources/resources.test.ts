import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { addInitiativeDirectly } from '../seeding.js';
import { initiativeInput } from '../schemas.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

const persona = (initiativeIds: string[] = []) => ({
  kind: 'persona', title: 'Annie, 68, Parkinson', summary: 'Annie heeft al vijftien jaar Parkinson en woont met haar man in Hoogeveen.', themes: ['palliative_care', 'informal_care'],
  persona: { situation: 'Annie wordt steeds stijver en valt vaker; haar man Jan zorgt dag en nacht.', needs: ['Iemand die het overzicht houdt'], helps: ['De casemanager die langskomt'], quotes: ['Ik wil niet dat Jan eraan onderdoor gaat.'] },
  madeBy: 'Netwerk Palliatieve Zorg Zuidwest-Drenthe', conversations: 2, madeOn: '2025-11-12', licence: 'CC BY 4.0', fictional: true, initiativeIds,
});

interface Resource { id: string; kind: string; title: string; fictional: boolean; provenance: { conversations: number; licence: string }; persona: { quotes: string[] } | null; initiatives?: { title: string }[] }

describe('personas, films and documents', () => {
  it('publishes a persona with its provenance, linked to an initiative, for anyone to read', async () => {
    const w = await createNetworkWorld(t);
    const linked = await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.emmen, { title: 'Parkinsoncafé' })));
    const created = await w.coordinator.post('/api/networkmap/resources', persona([linked]));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const read = (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}` })).json<Resource>();
    expect(read).toMatchObject({ kind: 'persona', title: 'Annie, 68, Parkinson', fictional: true, provenance: { conversations: 2, licence: 'CC BY 4.0' }, persona: { quotes: ['Ik wil niet dat Jan eraan onderdoor gaat.'] }, initiatives: [{ title: 'Parkinsoncafé' }] });
    const forInitiative = (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources?initiativeId=${linked}` })).json<Resource[]>();
    expect(forInitiative.map((r) => r.id)).toEqual([id]);
    const byTheme = (await t.app.inject({ method: 'GET', url: '/api/public/networkmap/resources?theme=grief' })).json<Resource[]>();
    expect(byTheme.map((r) => r.id)).not.toContain(id);
  });

  it('prints a persona’s conversation guide with situation, quotes, questions and provenance', async () => {
    const w = await createNetworkWorld(t);
    const id = (await w.coordinator.post('/api/networkmap/resources', persona())).json<{ id: string }>().id;
    const pdf = await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${id}/guide.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Gespreksleidraad: Annie, 68, Parkinson');
    expect(text).toContain('verzonnen persoon');
    expect(text).toContain('haar man Jan zorgt dag en nacht');
    expect(text).toContain('Ik wil niet dat Jan eraan onderdoor gaat.');
    expect(text).toContain('Wat is voor u nu het belangrijkst?');
    expect(text).toContain('uit 2 gesprekken, op 12 november 2025. Licentie: CC BY 4.0');
  });

  it('publishes a film and a document by URL, and has no conversation guide for them', async () => {
    const w = await createNetworkWorld(t);
    const film = await w.national.post('/api/networkmap/resources', { kind: 'film', title: 'Film voor gemeenten', url: 'https://www.youtube-nocookie.com/embed/abc123', themes: ['palliative_care'] });
    expect(film.statusCode, film.body).toBe(201);
    expect((await w.coordinator.post('/api/networkmap/resources', { kind: 'document', title: 'Handreiking', url: 'https://example.nl/handreiking.pdf' })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/networkmap/resources/${film.json<{ id: string }>().id}/guide.pdf` })).statusCode).toBe(400);
  });

  it('refuses a film without URL, a persona without content, a link to an initiative not on the map, and strangers', async () => {
    const w = await createNetworkWorld(t);
    expect((await w.coordinator.post('/api/networkmap/resources', { kind: 'film', title: 'Zonder adres' })).statusCode).toBe(400);
    expect((await w.coordinator.post('/api/networkmap/resources', { kind: 'persona', title: 'Leeg' })).statusCode).toBe(400);
    const waiting = await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.emmen, { title: 'Nog niet beoordeeld' })));
    await t.db.updateTable('initiative').set({ status: 'submitted' }).where('id', '=', waiting).execute();
    expect((await w.coordinator.post('/api/networkmap/resources', persona([waiting]))).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/networkmap/resources', payload: persona() })).statusCode).toBe(401);
    expect(await t.db.selectFrom('network_resource').select('id').where('title', 'in', ['Zonder adres', 'Leeg']).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/networkmap/resources/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});
