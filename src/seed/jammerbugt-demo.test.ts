import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/support/app.js';
import { JAMMERBUGT_ALLIANCE, seedJammerbugtDemo } from './jammerbugt-demo.js';

const t = await startTestApp({ circles: { overdueSweep: false } });

describe('Danish demo seed (Sammen om Sundhed Jammerbugt)', () => {
  it('seeds the alliance once, in Europe/Copenhagen on explicit consent, with its four partners addressed by SOR id', async () => {
    const logins = await seedJammerbugtDemo(t.deps);
    await seedJammerbugtDemo(t.deps);
    const alliances = await t.db.selectFrom('alliance').select(['id', 'time_zone', 'consent_model']).where('name', '=', JAMMERBUGT_ALLIANCE).execute();
    expect(alliances).toEqual([expect.objectContaining({ time_zone: 'Europe/Copenhagen', consent_model: 'explicit_consent' })]);
    const organisations = await t.db
      .selectFrom('organisation')
      .innerJoin('alliance_membership as m', 'm.organisation_id', 'organisation.id')
      .select(['name', 'sor_code'])
      .where('m.alliance_id', '=', alliances[0]!.id)
      .execute();
    expect(organisations.map((o) => o.name).sort()).toEqual(['Aalborg Universitetshospital', 'Jammerbugt Kommune, Hjemme- og Sygepleje', 'Region Nordjylland', 'Regionsklinikken Pandrup']);
    expect(organisations.every((o) => o.sor_code !== null)).toBe(true);
    expect(logins.map((l) => l.email)).toEqual(expect.arrayContaining(['hjemmepleje@jammerbugt.demo', 'klinik@pandrup.demo', 'udskrivning@aauh.demo']));
  });

  it('gives its fictional clients valid CPR numbers and runs a discharge pathway across three organisations', async () => {
    const alliance = await t.db.selectFrom('alliance').select('id').where('name', '=', JAMMERBUGT_ALLIANCE).executeTakeFirstOrThrow();
    const clients = await t.db.selectFrom('client').select(['id', 'cpr', 'date_of_birth']).where('alliance_id', '=', alliance.id).execute();
    expect(clients.length).toBeGreaterThanOrEqual(4);
    for (const c of clients) expect(c.cpr?.slice(0, 6)).toBe(`${c.date_of_birth.slice(8, 10)}${c.date_of_birth.slice(5, 7)}${c.date_of_birth.slice(2, 4)}`);
    const tasks = await t.db
      .selectFrom('circle_task as task')
      .innerJoin('circle', 'circle.id', 'task.circle_id')
      .select(['task.pathway_step', 'task.status', 'task.owner_organisation_id', 'circle.paused_at'])
      .where('circle.alliance_id', '=', alliance.id)
      .execute();
    expect(tasks.map((task) => task.pathway_step).sort()).toEqual(['gp_follow_up', 'home_care_visit', 'wmo_check']);
    expect(tasks.every((task) => task.status === 'requested' && task.paused_at === null)).toBe(true);
    expect(new Set(tasks.map((task) => task.owner_organisation_id).filter(Boolean)).size).toBeGreaterThanOrEqual(2);
  });
});
