import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { addInitiativeDirectly } from '../seeding.js';
import { initiativeInput } from '../schemas.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

const need = (municipalityId: string, over: object = {}) => ({
  municipalityId, description: 'Mensen die thuis sterven missen iemand om over zingeving mee te praten.', theme: 'spiritual_care', targetGroup: 'incurably_ill', source: 'signal', notedOn: '2026-02-01', ...over,
});
const initiative = (municipalityId: string, over: Record<string, unknown> = {}) => addInitiativeDirectly(t.db, initiativeInput.parse(callFor(municipalityId, over)));

interface Need { description: string; source: string; municipality: { name: string }; match: { level: string; initiatives: { title: string }[] } }

describe('the demand side', () => {
  it('matches a need first in the municipality, then in the region, and shows a gap when nothing addresses it', async () => {
    const w = await createNetworkWorld(t);
    await initiative(w.coevorden, { title: 'Zingeving thuis in Coevorden', themes: ['spiritual_care'], targetGroups: ['incurably_ill'] });
    await initiative(w.emmen, { title: 'Rouwgroep', themes: ['grief'], targetGroups: ['bereaved'], stage: 'running' });
    await initiative(w.emmen, { title: 'Gestopte zingevingsgroep', themes: ['spiritual_care'], targetGroups: ['incurably_ill'], stage: 'stopped' });
    expect((await w.coordinator.post('/api/networkmap/needs', need(w.emmen))).statusCode).toBe(201);
    expect((await w.coordinator.post('/api/networkmap/needs', need(w.coevorden, { description: 'Mantelzorgers van mensen met COPD vinden geen respijt.', theme: 'informal_care', targetGroup: 'informal_caregivers', source: 'interview' }))).statusCode).toBe(201);

    const open = await t.app.inject({ method: 'GET', url: `/api/public/networkmap/needs?networkId=${w.networkId}` });
    expect(open.statusCode).toBe(200);
    const byTheme = Object.fromEntries(open.json<Need[]>().map((n) => [n.description.slice(0, 10), n.match]));
    expect(byTheme['Mensen die']).toMatchObject({ level: 'region', initiatives: [{ title: 'Zingeving thuis in Coevorden', municipality: w.coevordenName }] });
    expect(byTheme['Mantelzorg']).toEqual({ level: 'gap', initiatives: [] });

    await initiative(w.emmen, { title: 'Geestelijke verzorging aan huis Emmen', themes: ['spiritual_care', 'palliative_care'], targetGroups: ['incurably_ill'] });
    const local = (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/needs?municipalityId=${w.emmen}` })).json<Need[]>();
    expect(local.map((n) => [n.municipality.name, n.match.level, n.match.initiatives.map((i) => i.title)])).toEqual([[w.emmenName, 'municipality', ['Geestelijke verzorging aan huis Emmen']]]);
  });

  it('lets only the coordinator of the municipality’s own network note a need', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    expect((await other.coordinator.post('/api/networkmap/needs', need(w.emmen))).statusCode).toBe(403);
    expect((await w.national.post('/api/networkmap/needs', need(w.emmen))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/networkmap/needs', payload: need(w.emmen) })).statusCode).toBe(401);
    expect(await t.db.selectFrom('local_need').select('id').where('municipality_id', '=', w.emmen).execute()).toEqual([]);
  });

  it('refuses a need from a persona without the persona, and an unknown theme', async () => {
    const w = await createNetworkWorld(t);
    expect((await w.coordinator.post('/api/networkmap/needs', need(w.emmen, { source: 'persona' }))).statusCode).toBe(400);
    expect((await w.coordinator.post('/api/networkmap/needs', need(w.emmen, { theme: 'gardening' }))).statusCode).toBe(400);
    const persona = await w.coordinator.post('/api/networkmap/resources', {
      kind: 'persona', title: 'Henk, 72, COPD', persona: { situation: 'Henk woont met zijn vrouw in een rijtjeshuis en is snel buiten adem.', needs: ['Rust'], helps: ['Een vast aanspreekpunt'], quotes: [] },
      madeBy: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', conversations: 2, madeOn: '2025-09-01', licence: 'CC BY 4.0', fictional: true,
    });
    expect(persona.statusCode, persona.body).toBe(201);
    const fromPersona = await w.coordinator.post('/api/networkmap/needs', need(w.emmen, { source: 'persona', personaId: persona.json<{ id: string }>().id }));
    expect(fromPersona.statusCode, fromPersona.body).toBe(201);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/public/networkmap/needs?municipalityId=${w.emmen}` })).json<(Need & { persona: { title: string } | null })[]>();
    expect(listed.map((n) => [n.source, n.persona?.title])).toEqual([['persona', 'Henk, 72, COPD']]);
  });
});
