import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { DEMO_NEIGHBOURHOOD, seedCircleDemo } from './circle-demo.js';
import { DEMO_CITIZEN_EMAIL, seedDemoRegion } from './demo-region.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  await seedDemoRegion(t.deps);
  await seedCircleDemo(t.deps);
  // Seeding again changes nothing.
  await seedCircleDemo(t.deps);
}, 180_000);

describe('the circle demo in the night region', () => {
  it('has one circle run by the demo informal caregiver, with a neighbour, the GP post and the municipality, a plan, help and a message', async () => {
    const circles = await t.db.selectFrom('circle').select('id').execute();
    expect(circles.length).toBe(1);
    const circleId = circles[0]?.id ?? '';
    const members = await t.db.selectFrom('circle_member').select(['kind', 'name']).where('circle_id', '=', circleId).orderBy('invited_at').execute();
    expect(members.map((m) => m.kind)).toEqual(['family', 'neighbour', 'gp_practice', 'municipal_consultant']);
    const runner = await t.db.selectFrom('client_citizen_link as l').innerJoin('citizen as c', 'c.id', 'l.citizen_id').select('c.email').executeTakeFirst();
    expect(runner?.email).toBe(DEMO_CITIZEN_EMAIL);
    expect((await t.db.selectFrom('circle_plan_version').select('version').where('circle_id', '=', circleId).execute()).length).toBe(1);
    expect((await t.db.selectFrom('circle_help').select('direction').where('circle_id', '=', circleId).orderBy('direction').execute()).map((h) => h.direction)).toEqual(['offer', 'request']);
    expect((await t.db.selectFrom('circle_message').select('id').where('circle_id', '=', circleId).execute()).length).toBe(1);
  });

  it('has the Angelslo partnership on its public page, labelled fictional, with care, welfare, housing, municipality and GP as partners', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/public/neighbourhoods/${DEMO_NEIGHBOURHOOD}` });
    expect(page.statusCode).toBe(200);
    const view = page.json<{ fictional: boolean; partners: { kind: string }[]; ambitions: { commitments: unknown[] }[] }>();
    expect(view.fictional).toBe(true);
    expect(view.partners.map((p) => p.kind).sort()).toEqual(['care_provider', 'gp_post', 'housing', 'municipality', 'welfare']);
    expect(view.ambitions.flatMap((a) => a.commitments).length).toBe(5);
  });
});
