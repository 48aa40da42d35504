import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { addInitiativeDirectly } from '../seeding.js';
import type { InitiativeInput } from '../schemas.js';

const t = await startTestApp();
const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('public list, pages and feeds', () => {
  it('never shows contact details without consent: not on the page, in the list, the CSV, the Atom feed or HSDS', async () => {
    const w = await createNetworkWorld(t);
    const secret = await addInitiativeDirectly(t.db, callFor(w.emmen, { title: 'Zonder toestemming', contactName: 'Geheime Naam', contactEmail: 'geheim@example.nl', contactPhone: '0611111111', contactPublish: false }) as InitiativeInput);
    const open = await addInitiativeDirectly(t.db, callFor(w.emmen, { title: 'Met toestemming', contactName: 'Open Naam', contactEmail: 'open@example.nl', contactPublish: true }) as InitiativeInput);
    expect((await get(`/api/public/networkmap/initiatives/${secret}`)).json()).toMatchObject({ contact: null });
    expect((await get(`/api/public/networkmap/initiatives/${open}`)).json()).toMatchObject({ contact: { name: 'Open Naam', email: 'open@example.nl' } });
    const bodies = await Promise.all(
      [`/api/public/networkmap/municipalities/${w.emmen}`, '/api/public/networkmap/initiatives', '/api/public/networkmap/initiatives.csv', '/api/public/networkmap/feed.atom', '/hsds/export', `/hsds/services/${secret}`, '/hsds/services'].map(async (url) => (await get(url)).body),
    );
    for (const body of bodies) {
      expect(body).not.toContain('Geheime Naam');
      expect(body).not.toContain('geheim@example.nl');
      expect(body).not.toContain('0611111111');
    }
    expect(bodies[2]).toContain('open@example.nl');
  });

  it('searches in Dutch (stemming) with filters, and draws the map as points or cell sums', async () => {
    const w = await createNetworkWorld(t);
    const talks = await addInitiativeDirectly(t.db, callFor(w.coevorden, { title: 'Gespreksavonden over doodgaan', summary: 'Inwoners praten met elkaar over afscheid nemen en wensen.', themes: ['end_of_life_talks'], latitude: 52.66, longitude: 6.74 }) as InitiativeInput);
    await addInitiativeDirectly(t.db, callFor(w.coevorden, { title: 'Maatjes voor mantelzorgers', summary: 'Vrijwilligers ondersteunen mantelzorgers thuis.', themes: ['informal_care'], stage: 'idea', latitude: 52.67, longitude: 6.75 }) as InitiativeInput);
    const search = async (query: string) => (await get(`/api/public/networkmap/initiatives?municipalityId=${w.coevorden}&${query}`)).json<{ total: number; items: { id: string; title: string }[] }>();
    expect((await search('q=inwoner')).items.map((i) => i.id)).toEqual([talks]);
    expect((await search('q=afscheid+wensen')).items.map((i) => i.id)).toEqual([talks]);
    expect((await search('theme=informal_care')).items.map((i) => i.title)).toEqual(['Maatjes voor mantelzorgers']);
    expect((await search('stage=idea')).total).toBe(1);
    expect((await search('')).total).toBe(2);
    const box = 'west=6.5&south=52.5&east=7&north=52.9';
    const near = (await get(`/api/public/networkmap/map?municipalityId=${w.coevorden}&${box}&zoom=13`)).json<{ count: number }[]>();
    expect(near.map((p) => p.count)).toEqual([1, 1]);
    const far = (await get(`/api/public/networkmap/map?municipalityId=${w.coevorden}&${box}&zoom=5`)).json<{ count: number }[]>();
    expect(far.map((p) => p.count)).toEqual([2]);
  });

  it('publishes accepted initiatives in an Atom feed and a municipality page', async () => {
    const w = await createNetworkWorld(t);
    await addInitiativeDirectly(t.db, callFor(w.emmen, { title: 'Rouw & verlies <samen>' }) as InitiativeInput);
    const feed = await get('/api/public/networkmap/feed.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('<title>Rouw &amp; verlies &lt;samen&gt;</title>');
    const page = (await get(`/api/public/networkmap/municipalities/${w.emmen}`)).json<{ name: string; network: { name: string }; initiatives: { title: string }[] }>();
    expect(page.name).toBe(w.emmenName);
    expect(page.initiatives.map((i) => i.title)).toContain('Rouw & verlies <samen>');
  });
});
