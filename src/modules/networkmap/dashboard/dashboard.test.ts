import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { addInitiativeDirectly } from '../seeding.js';
import { initiativeInput } from '../schemas.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

interface Dashboard {
  network: { name: string };
  municipalities: { name: string; initiatives: number; covered: boolean; latestScan: { heldOn: string; average: number } | null; needs: number; gaps: number }[];
  themes: { theme: string; initiatives: number }[];
  gaps: { municipality: string; theme: string }[];
  dueForVerification: number;
}

const scores = (a: number, b: number, c: number) => ({ workTogether: a, findEachOther: b, needsAligned: c });

describe('the dashboard per network', () => {
  it('shows municipalities covered, themes, the latest quick-scan, gaps and what waits for re-verification', async () => {
    const w = await createNetworkWorld(t);
    await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.emmen, { title: 'Zingeving thuis', themes: ['spiritual_care', 'palliative_care'], targetGroups: ['incurably_ill'] })));
    await addInitiativeDirectly(t.db, { ...initiativeInput.parse(callFor(w.emmen, { title: 'Oud initiatief', themes: ['palliative_care'] })), lastVerifiedOn: '2020-01-01' });
    await addInitiativeDirectly(t.db, initiativeInput.parse(callFor(w.coevorden, { title: 'Gestopt', themes: ['grief'], stage: 'stopped' })));
    await w.coordinator.post('/api/networkmap/quick-scans', { municipalityId: w.emmen, heldOn: '2025-01-01', scores: scores(1, 1, 1) });
    await w.coordinator.post('/api/networkmap/quick-scans', { municipalityId: w.emmen, heldOn: '2026-01-01', scores: scores(4, 4, 5) });
    await w.coordinator.post('/api/networkmap/needs', { municipalityId: w.coevorden, description: 'Nabestaanden vinden geen rouwgroep dichtbij.', theme: 'grief', targetGroup: 'bereaved', source: 'signal', notedOn: '2026-01-05' });
    await w.coordinator.post('/api/networkmap/needs', { municipalityId: w.coevorden, description: 'Zieken willen praten over zingeving.', theme: 'spiritual_care', targetGroup: 'incurably_ill', source: 'interview', notedOn: '2026-01-06' });

    const answer = await w.coordinator.get(`/api/networkmap/networks/${w.networkId}/dashboard`);
    expect(answer.statusCode, answer.body).toBe(200);
    const d = answer.json<Dashboard>();
    expect(d.municipalities.map((m) => [m.name, m.initiatives, m.covered, m.latestScan?.heldOn ?? null, m.latestScan?.average ?? null, m.needs, m.gaps])).toEqual([
      [w.coevordenName, 0, false, null, null, 2, 1],
      [w.emmenName, 2, true, '2026-01-01', 4.3, 0, 0],
    ]);
    // The stopped initiative's theme (grief) is not worked on any more.
    expect(d.themes).toEqual([{ theme: 'palliative_care', initiatives: 2 }, { theme: 'spiritual_care', initiatives: 1 }]);
    expect(d.gaps.map((g) => [g.municipality, g.theme])).toEqual([[w.coevordenName, 'grief']]);
    expect(d.dueForVerification).toBe(1);
  });

  it('opens a network’s dashboard to its coordinator and the national body only', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    expect((await other.coordinator.get(`/api/networkmap/networks/${w.networkId}/dashboard`)).statusCode).toBe(404);
    expect((await w.national.get(`/api/networkmap/networks/${w.networkId}/dashboard`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/networkmap/networks/${w.networkId}/dashboard` })).statusCode).toBe(401);
    expect((await w.coordinator.get('/api/networkmap/networks')).json<{ id: string }[]>().map((n) => n.id)).toEqual([w.networkId]);
    const all = (await w.national.get('/api/networkmap/networks')).json<{ id: string }[]>().map((n) => n.id);
    expect(all).toEqual(expect.arrayContaining([w.networkId, other.networkId]));
  });
});
