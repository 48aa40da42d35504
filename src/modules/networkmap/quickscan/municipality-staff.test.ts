import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { SETUP } from '../../../../test/support/world.js';
import { linkMunicipalityOrganisation } from '../seeding.js';

const t: TestApp = await startTestApp({ networkMap: { verifySweep: false } });

const round = (municipalityId: string, heldOn: string, scores: [number, number, number]) => ({
  municipalityId, heldOn, scores: { workTogether: scores[0], findEachOther: scores[1], needsAligned: scores[2] }, notes: { workTogether: 'Maandelijks overleg.', findEachOther: '', needsAligned: '' }, participants: 'Beleidsadviseur Wmo',
});
interface History { municipality: string; network: string; canExplain: boolean; rounds: { id: string; heldOn: string; average: number; change: object | null; municipalityNote: string }[] }

/** A network world whose two municipalities each have their own organisation with a staff member. */
async function worldWithMunicipalities() {
  const w = await createNetworkWorld(t);
  const emmenOrg = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: `Gemeente ${w.emmenName}`, kind: 'municipality' });
  const coevordenOrg = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: `Gemeente ${w.coevordenName}`, kind: 'municipality' });
  await linkMunicipalityOrganisation(t.db, w.emmen, emmenOrg);
  await linkMunicipalityOrganisation(t.db, w.coevorden, coevordenOrg);
  await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2025-03-01', [2, 3, 2]));
  await w.coordinator.post('/api/networkmap/quick-scans', round(w.emmen, '2026-03-01', [4, 3, 1]));
  return { ...w, emmenStaff: await w.session(emmenOrg, ['coordinator'], 'gem-emmen'), coevordenStaff: await w.session(coevordenOrg, ['coordinator'], 'gem-coevorden') };
}

describe('a municipality’s own quick-scan', () => {
  it('shows the municipality’s staff every round of their own municipality, compared over time', async () => {
    const w = await worldWithMunicipalities();
    expect((await w.emmenStaff.get('/api/networkmap/municipalities/own')).json<{ id: string }[]>().map((m) => m.id)).toEqual([w.emmen]);
    const read = await w.emmenStaff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`);
    expect(read.statusCode, read.body).toBe(200);
    const history = read.json<History>();
    expect(history).toMatchObject({ municipality: w.emmenName, canExplain: true });
    expect(history.rounds.map((r) => [r.heldOn, r.average, r.change])).toEqual([
      ['2025-03-01', 2.3, null],
      ['2026-03-01', 2.7, { workTogether: 2, findEachOther: 0, needsAligned: -1 }],
    ]);
    // Read-only for the municipality: recording a round stays the network coordinator's.
    expect((await w.emmenStaff.post('/api/networkmap/quick-scans', round(w.emmen, '2026-06-01', [5, 5, 5]))).statusCode).toBe(403);
  });

  it('lets the municipality explain a round, which its network coordinator then reads but cannot write', async () => {
    const w = await worldWithMunicipalities();
    const [first] = (await w.emmenStaff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).json<History>().rounds;
    const note = await w.emmenStaff.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'Het sociaal team was toen net gestart.' });
    expect(note.statusCode, note.body).toBe(204);
    const byCoordinator = (await w.coordinator.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).json<History>();
    expect(byCoordinator.canExplain).toBe(false);
    expect(byCoordinator.rounds[0]?.municipalityNote).toBe('Het sociaal team was toen net gestart.');
    expect((await w.coordinator.get(`/api/networkmap/networks/${w.networkId}/quick-scans`)).json<{ rounds: { municipalityNote: string }[] }[]>()[0]?.rounds[0]?.municipalityNote).toBe('Het sociaal team was toen net gestart.');
    expect((await w.coordinator.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'Overschreven' })).statusCode).toBe(403);
    expect((await w.national.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'Overschreven' })).statusCode).toBe(403);
    expect((await w.emmenStaff.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'x'.repeat(2001) })).statusCode).toBe(400);
    const row = await t.db.selectFrom('quick_scan').select(['municipality_note', 'work_together']).where('id', '=', first?.id ?? '').executeTakeFirstOrThrow();
    expect(row).toEqual({ municipality_note: 'Het sociaal team was toen net gestart.', work_together: 2 });
  });

  it('answers 404 to another municipality’s staff, another network’s coordinator, and for an unknown municipality or round', async () => {
    const w = await worldWithMunicipalities();
    const other = await createNetworkWorld(t);
    const [first] = (await w.emmenStaff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).json<History>().rounds;
    expect((await w.coevordenStaff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).statusCode).toBe(404);
    expect((await w.coevordenStaff.get(`/api/networkmap/networks/${w.networkId}/quick-scans`)).statusCode).toBe(403);
    expect((await w.coevordenStaff.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'Niet van ons' })).statusCode).toBe(404);
    expect((await other.coordinator.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).statusCode).toBe(404);
    expect((await other.coordinator.put(`/api/networkmap/quick-scans/${first?.id ?? ''}/municipality-note`, { note: 'Niet van ons' })).statusCode).toBe(404);
    expect((await other.coordinator.get('/api/networkmap/municipalities/own')).json<unknown[]>()).toEqual([]);
    expect((await w.emmenStaff.get('/api/networkmap/municipalities/00000000-0000-4000-8000-000000000000/quick-scans')).statusCode).toBe(404);
    expect((await w.emmenStaff.put('/api/networkmap/quick-scans/00000000-0000-4000-8000-000000000000/municipality-note', { note: 'x' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/networkmap/municipalities/${w.emmen}/quick-scans` })).statusCode).toBe(401);
    expect((await t.db.selectFrom('quick_scan').select('municipality_note').where('municipality_id', '=', w.emmen).execute()).map((r) => r.municipality_note)).toEqual(['', '']);
  });

  it('lists the municipality organisations to choose from and each municipality’s current link, for the coordinator only', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    const orgId = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: `Gemeente ${w.emmenName} (keuze)`, kind: 'municipality' });
    await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Welzijn Keuze', kind: 'welfare' });
    const staff = await w.session(orgId, ['coordinator'], 'gem-keuze');
    const url = `/api/networkmap/networks/${w.networkId}/municipality-links`;
    type Links = { organisations: { id: string; name: string }[]; municipalities: { id: string; organisation: { id: string; name: string } | null }[] };
    const before = (await w.coordinator.get(url)).json<Links>();
    expect(before.organisations.map((o) => o.id)).toContain(orgId);
    expect(before.organisations.map((o) => o.name)).not.toContain('Welzijn Keuze');
    expect(before.municipalities.find((m) => m.id === w.emmen)?.organisation).toBeNull();
    await w.coordinator.put(`/api/networkmap/municipalities/${w.emmen}/organisation`, { organisationId: orgId });
    const after = (await w.coordinator.get(url)).json<Links>();
    expect(after.municipalities.find((m) => m.id === w.emmen)?.organisation).toEqual({ id: orgId, name: `Gemeente ${w.emmenName} (keuze)` });
    expect((await staff.get(url)).statusCode).toBe(403);
    expect((await other.coordinator.get(url)).statusCode).toBe(404);
    expect((await w.coordinator.get('/api/networkmap/networks/00000000-0000-4000-8000-000000000000/municipality-links')).statusCode).toBe(404);
  });

  it('lets the network coordinator link a municipality to its own organisation, and refuses the wrong organisation, a second link and outsiders', async () => {
    const w = await createNetworkWorld(t);
    const other = await createNetworkWorld(t);
    const orgId = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: `Gemeente ${w.emmenName} (los)`, kind: 'municipality' });
    const staff = await w.session(orgId, ['coordinator'], 'gem-los');
    expect((await staff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).statusCode).toBe(404);
    const link = (session: typeof staff, municipalityId: string, organisationId: string | null) => session.put(`/api/networkmap/municipalities/${municipalityId}/organisation`, { organisationId });
    expect((await link(staff, w.emmen, orgId)).statusCode).toBe(403);
    expect((await link(other.coordinator, w.emmen, orgId)).statusCode).toBe(404);
    const welfareId = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Welzijn Zuid', kind: 'welfare' });
    expect((await link(w.coordinator, w.emmen, welfareId)).statusCode).toBe(400);
    expect((await link(w.coordinator, w.emmen, orgId)).statusCode).toBe(204);
    expect((await staff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).statusCode).toBe(200);
    expect((await link(w.coordinator, w.coevorden, orgId)).statusCode).toBe(409);
    expect((await link(w.coordinator, w.emmen, null)).statusCode).toBe(204);
    expect((await staff.get(`/api/networkmap/municipalities/${w.emmen}/quick-scans`)).statusCode).toBe(404);
  });
});
