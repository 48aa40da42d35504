import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../test/support/app.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoRegion } from './demo-region.js';
import { GENERATED } from './night-history.js';

/** Issue 11 item 5: the demo is the alliance as announced (DESIGN.md §1, §8), with generated history on first start. */

let t: TestApp;
let seedSeconds = 0;

beforeAll(async () => {
  t = await startTestApp();
  const started = Date.now();
  await seedDemoRegion(t.deps);
  seedSeconds = (Date.now() - started) / 1000;
  console.log(`demo seed took ${seedSeconds.toFixed(1)} s`);
}, 120_000);

const names = async (kind: string) =>
  (await t.db.selectFrom('organisation').select('name').where('kind', '=', kind).orderBy('name').execute()).map((o) => o.name);

describe('the demo region', () => {
  it('has the night team staffed by Icare and Tangenborgh only, serving the five partners', async () => {
    const team = await t.db.selectFrom('team_member as m').innerJoin('organisation as o', 'o.id', 'm.organisation_id').select('o.name').distinct().orderBy('o.name').execute();
    expect(team.map((o) => o.name)).toEqual(['Icare', 'Tangenborgh']);
    expect(await names('care_provider')).toEqual(['Beter Thuis Wonen', 'Icare', 'Noorderboog', 'Tangenborgh', 'Treant']);
  });

  it('has the GP posts of Assen, Emmen, Hoogeveen and Meppel and the municipalities of Zuid-Drenthe', async () => {
    expect(await names('gp_post')).toEqual(['Huisartsenpost Assen', 'Huisartsenpost Emmen', 'Huisartsenpost Hoogeveen', 'Huisartsenpost Meppel']);
    expect(await names('municipality')).toEqual(['Gemeente Coevorden', 'Gemeente De Wolden', 'Gemeente Emmen', 'Gemeente Hoogeveen', 'Gemeente Meppel', 'Gemeente Westerveld']);
  });

  it('has only clients with district nursing and/or a personal alarm, each with a client number', async () => {
    const row = await sql<{ total: number; ineligible: number; unnumbered: number }>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT district_nursing AND NOT personal_alarm)::int AS ineligible, count(*) FILTER (WHERE client_number IS NULL)::int AS unnumbered FROM client`.execute(t.db);
    expect(row.rows[0]).toEqual({ total: 2000, ineligible: 0, unnumbered: 0 });
  });

  it('has about 90 nights of generated, labelled history through the lifecycle, with duties and acknowledged handovers', async () => {
    const incidents = await t.db.selectFrom('incident').select(['status', 'triage_note', 'received_at', 'closed_at']).execute();
    expect(incidents.length).toBeGreaterThan(300);
    expect(incidents.every((i) => i.triage_note === GENERATED && i.closed_at !== null && i.closed_at > i.received_at)).toBe(true);
    expect(new Set(incidents.map((i) => i.status))).toEqual(new Set(['completed', 'cancelled', 'escalated']));
    const nights = await sql<{ n: number }>`SELECT count(DISTINCT starts_at)::int AS n FROM nurse_duty`.execute(t.db);
    expect(nights.rows[0]?.n).toBe(90);
    const handovers = await t.db.selectFrom('handover').select(['acknowledged_at']).execute();
    expect(handovers.length).toBeGreaterThan(90);
    expect(handovers.every((h) => h.acknowledged_at !== null)).toBe(true);
  });

  it('shows the history in the KPIs of the alliance administrator', async () => {
    const admin = await login(t.app, { email: 'beheer@icare.demo', password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET });
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const response = await admin.get(`/api/nightcare/kpis?from=${from}&to=${to}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ incidents: number }>().incidents).toBeGreaterThan(150);
  });
});
