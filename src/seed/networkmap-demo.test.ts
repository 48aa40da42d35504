import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/support/app.js';
import { NETWORKMAP_ALLIANCE, seedNetworkMapDemo } from './networkmap-demo.js';

const t = await startTestApp();

describe('network map demo seed', () => {
  it('seeds Drenthe’s networks with their municipalities, coordinators in the networks, and two dozen fictional initiatives, fictional personas (Parkinson, COPD, a caregiver), a film and a document, needs and quick-scan rounds, once', async () => {
    await seedNetworkMapDemo(t.deps);
    await seedNetworkMapDemo(t.deps);
    const alliances = await t.db.selectFrom('alliance').select('id').where('name', '=', NETWORKMAP_ALLIANCE).execute();
    expect(alliances).toHaveLength(1);
    const regions = await t.db.selectFrom('network_municipality').innerJoin('organisation', 'organisation.id', 'network_municipality.network_id').select(['organisation.kind', 'network_municipality.name']).execute();
    expect(regions).toHaveLength(12);
    expect(new Set(regions.map((r) => r.kind))).toEqual(new Set(['palliative_care_network']));
    const coordinators = await t.db.selectFrom('staff_role').innerJoin('organisation', 'organisation.id', 'staff_role.organisation_id').select('organisation.kind').where('role', '=', 'network_coordinator').execute();
    expect(coordinators.length).toBe(3);
    expect(coordinators.every((c) => c.kind === 'palliative_care_network')).toBe(true);
    const initiatives = await t.db.selectFrom('initiative').select(['fictional', 'status', 'latitude']).execute();
    expect(initiatives.length).toBeGreaterThanOrEqual(20);
    expect(initiatives.every((i) => i.fictional && i.status === 'accepted' && i.latitude !== null)).toBe(true);
    const resources = await t.db.selectFrom('network_resource').select(['kind', 'title', 'fictional', 'conversations']).orderBy('title').execute();
    const personas = resources.filter((r) => r.kind === 'persona');
    expect(personas.map((p) => p.title).join(' ')).toMatch(/Parkinson.*COPD|COPD.*Parkinson/);
    expect(personas.map((p) => p.title).some((title) => title.includes('zorgt voor'))).toBe(true);
    expect(resources.every((r) => r.fictional)).toBe(true);
    expect(personas.every((p) => p.conversations === 2)).toBe(true);
    expect(new Set(resources.map((r) => r.kind))).toEqual(new Set(['persona', 'film', 'document']));
    expect(await t.db.selectFrom('network_resource_initiative').select('initiative_id').execute()).toHaveLength(5);
    expect((await t.db.selectFrom('local_need').select('id').execute()).length).toBeGreaterThanOrEqual(5);
    expect((await t.db.selectFrom('quick_scan').select('id').execute()).length).toBeGreaterThanOrEqual(5);
  });
});
