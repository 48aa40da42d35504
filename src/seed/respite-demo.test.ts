import { describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../modules/alliance/index.js';
import { startTestApp } from '../../test/support/app.js';
import { SETUP } from '../../test/support/world.js';
import { RESPITE_ALLIANCE, seedRespiteDemo } from './respite-demo.js';

const t = await startTestApp();

describe('respite demo seed', () => {
  it('seeds the second alliance once, with Icare in both alliances, three or more locations and generated history', async () => {
    const night = await createAlliance(t.db, SETUP, { name: 'Nachtzorg Zuid-Drenthe', region: 'Zuid-Drenthe' });
    const icare = await createOrganisation(t.db, SETUP, { allianceId: night, name: 'Icare', kind: 'care_provider' });
    await seedRespiteDemo(t.deps);
    await seedRespiteDemo(t.deps);
    const alliances = await t.db.selectFrom('alliance').select('id').where('name', '=', RESPITE_ALLIANCE).execute();
    expect(alliances).toHaveLength(1);
    const allianceId = alliances[0]?.id ?? '';
    const icareIn = await t.db.selectFrom('alliance_membership').select('alliance_id').where('organisation_id', '=', icare).execute();
    expect(icareIn.map((m) => m.alliance_id).sort()).toEqual([night, allianceId].sort());
    const locations = await t.db.selectFrom('respite_location').select(['municipality']).where('alliance_id', '=', allianceId).execute();
    expect(locations.length).toBeGreaterThanOrEqual(3);
    expect(new Set(locations.map((l) => l.municipality))).toEqual(new Set(['Assen', 'Midden-Drenthe']));
    const history = await t.db.selectFrom('respite_booking').select(['generated', 'status']).where('alliance_id', '=', allianceId).execute();
    expect(history.length).toBeGreaterThan(20);
    expect(history.every((b) => b.generated)).toBe(true);
    expect(new Set(history.map((b) => b.status))).toEqual(new Set(['booked', 'cancelled', 'no_show']));
    const answers = await t.db.selectFrom('respite_questionnaire').select(['generated', 'respondent', 'municipality']).where('alliance_id', '=', allianceId).execute();
    expect(answers.length).toBeGreaterThanOrEqual(40);
    expect(answers.every((a) => a.generated)).toBe(true);
    expect(new Set(answers.map((a) => a.respondent))).toEqual(new Set(['older_person', 'caregiver', 'professional']));
    const requests = await t.db.selectFrom('respite_request').select(['generated', 'outcome']).where('alliance_id', '=', allianceId).execute();
    expect(requests.every((r) => r.generated)).toBe(true);
    expect(requests.some((r) => r.outcome === 'no_room')).toBe(true);
  });
});
