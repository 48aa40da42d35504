import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { SETUP } from '../../../../test/support/world.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createNetworkWorld } from '../../../../test/support/networkmap-world.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

const round = (municipalityId: string, heldOn: string, scores: [number, number, number], over: object = {}) => ({
  municipalityId, heldOn, scores: { workTogether: scores[0], findEachOther: scores[1], needsAligned: scores[2] },
  notes: { workTogether: 'Het sociaal team en de wijkverpleging overleggen maandelijks.', findEachOther: '', needsAligned: '' }, participants: 'Wethouder en beleidsadviseur Wmo', ...over,
});

type History = { municipality: string; rounds: { heldOn: string; average: number; scores: object; change: object | null; notes: { workTogether: string }; filledBy: string }[] }[];

describe('the municipality quick-scan', () => {
  it('keeps dated rounds per municipality and compares each with the one before', async () => {
    const w = await createNetworkWorld(t);
    expect((await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2025-03-01', [2, 3, 2]))).statusCode).toBe(201);
    const second = await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-03-01', [4, 3, 1]));
    expect(second.statusCode, second.body).toBe(201);
    const history = (await w.coordinator.get(`/api/networkmap/networks/${w.networkId}/quick-scans`)).json<History>();
    expect(history).toHaveLength(1);
    expect(history[0]?.municipality).toBe(w.emmenName);
    expect(history[0]?.rounds.map((r) => [r.heldOn, r.average, r.change])).toEqual([
      ['2025-03-01', 2.3, null],
      ['2026-03-01', 2.7, { workTogether: 2, findEachOther: 0, needsAligned: -1 }],
    ]);
    expect(history[0]?.rounds[0]?.notes.workTogether).toContain('maandelijks');
    expect(history[0]?.rounds[0]?.filledBy).not.toBe('');
  });

  it('lets the national body read every network’s rounds but not fill them in', async () => {
    const w = await createNetworkWorld(t);
    await w.coordinator.post('/api/networkmap/quick-scans', round(w.coevorden, '2026-01-15', [3, 3, 3]));
    const read = await w.national.get(`/api/networkmap/networks/${w.networkId}/quick-scans`);
    expect(read.statusCode).toBe(200);
    expect(read.json<History>().map((m) => m.rounds.length)).toEqual([1]);
    expect((await w.national.post('/api/networkmap/quick-scans', round(w.coevorden, '2026-02-15', [3, 3, 3]))).statusCode).toBe(403);
  });

  it('refuses another network’s coordinator, a welfare worker and anyone without a login', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-01-10', [3, 4, 5]));
    expect((await other.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-01-11', [1, 1, 1]))).statusCode).toBe(403);
    expect((await other.coordinator.get(`/api/networkmap/networks/${w.networkId}/quick-scans`)).statusCode).toBe(404);
    const welfareId = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: `Welzijn ${w.emmenName}`, kind: 'welfare' });
    const welfare = await w.session(welfareId, ['network_coordinator'], 'welzijn');
    expect((await welfare.get(`/api/networkmap/networks/${w.networkId}/quick-scans`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/networkmap/networks/${w.networkId}/quick-scans` })).statusCode).toBe(401);
    const rounds = await t.db.selectFrom('quick_scan').select('held_on').where('municipality_id', '=', w.emmen).execute();
    expect(rounds.map((r) => r.held_on)).toEqual(['2026-01-10']);
  });

  it('refuses a score outside 1 to 5 and a second round on the same day', async () => {
    const w = await createNetworkWorld(t);
    expect((await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-04-01', [0, 3, 3]))).statusCode).toBe(400);
    expect((await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-04-01', [6, 3, 3]))).statusCode).toBe(400);
    expect((await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-04-01', [3, 3, 3]))).statusCode).toBe(201);
    expect((await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-04-01', [4, 4, 4]))).statusCode).toBe(409);
  });
});
