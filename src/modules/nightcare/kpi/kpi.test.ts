import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';
import type { UrgencyColumn } from '../../../platform/db/index.js';

let t: TestApp;
let w: NightWorld;
let homeAdmin: Session;
let homeClient: { id: string; account: string };
let partnerClient: { id: string; account: string };

const minutesAfter = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
const report = (minutesOnSite: number) => ({ report: { actions: ['Helped'], minutesOnSite, followUpNeeded: false } });

interface Kpis {
  incidents: number;
  responseTime: { count: number; percentiles: { p50: number }; withinThirtyMinutes: number; withinThirtyShare: number; histogram: { fromMinute: number; count: number }[] };
  byUrgency: { urgency: string; incidents: number; withinTargetShare: number | null }[];
  byOrganisation: { organisationId: string | null; organisationName: string | null; incidents: number }[];
  alarmsByHour: number[];
  falseAlarms: { count: number; rate: number };
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  homeAdmin = (await w.session(w.world.homeOrg, ['organisation_admin'], 'homeadmin')).session;
  homeClient = await w.addClient(w.world.homeOrg, { familyName: 'Kpiklant' });
  partnerClient = await w.addClient(w.world.partnerOrg, { familyName: 'Partnerkpi' });
  // October 2025 in Amsterdam; the clocks go back at 03:00 CEST on the 26th.
  const cases: { account: string; end: Parameters<NightWorld['runIncident']>[1]; received: string; onSiteAfter?: number; urgency?: UrgencyColumn }[] = [
    { account: homeClient.account, end: report(30), received: '2025-10-26T00:30:00Z', onSiteAfter: 12, urgency: 'U1' }, // 02:30 CEST
    { account: homeClient.account, end: report(20), received: '2025-10-26T01:30:00Z', onSiteAfter: 35 }, // 02:30 CET
    { account: partnerClient.account, end: report(50), received: '2025-10-10T21:00:00Z', onSiteAfter: 25 }, // 23:00
    { account: homeClient.account, end: { cancel: 'false_alarm' }, received: '2025-10-11T22:00:00Z' }, // 00:00
    { account: 'FFFF01', end: { cancel: 'false_alarm' }, received: '2025-10-15T20:00:00Z' }, // 22:00, never linked
    { account: homeClient.account, end: report(10), received: '2025-10-31T23:30:00Z', onSiteAfter: 5 }, // 1 November 00:30 CET
  ];
  for (const c of cases) {
    const id = await w.runIncident(c.account, c.end);
    await w.setTimes(id, { received: c.received, onSite: c.onSiteAfter === undefined ? null : minutesAfter(c.received, c.onSiteAfter) });
    if (c.urgency) await t.db.updateTable('incident').set({ urgency: c.urgency }).where('id', '=', id).execute();
  }
});

describe('night-care KPIs', () => {
  it('aggregates response times, alarms by local hour and false alarms over the period', async () => {
    const response = await w.coordinator.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31');
    expect(response.statusCode, response.body).toBe(200);
    const kpis = response.json<Kpis>();
    expect(kpis.incidents).toBe(5);
    expect(kpis.responseTime).toMatchObject({ count: 3, percentiles: { p50: 25 }, withinThirtyMinutes: 2, withinThirtyShare: 0.6667 });
    expect(kpis.responseTime.histogram.filter((b) => b.count > 0).map((b) => b.fromMinute)).toEqual([10, 25, 35]);
    expect(kpis.byUrgency.find((u) => u.urgency === 'U1')).toMatchObject({ incidents: 1, withinTargetShare: 1 });
    expect(kpis.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ incidents: 2, withinTargetShare: 0.5 });
    expect(kpis.alarmsByHour[2]).toBe(2);
    expect(kpis.alarmsByHour[23]).toBe(1);
    expect(kpis.alarmsByHour[0]).toBe(1);
    expect(kpis.alarmsByHour[22]).toBe(1);
    expect(kpis.falseAlarms).toEqual({ count: 2, rate: 0.4 });
    expect(kpis.byOrganisation).toContainEqual(expect.objectContaining({ organisationId: w.world.homeOrg, organisationName: 'Home care', incidents: 3 }));
    expect(kpis.byOrganisation).toContainEqual(expect.objectContaining({ organisationId: null, incidents: 1 }));
    expect(response.body).not.toContain(homeClient.id);
    expect(response.body).not.toContain('Kpiklant');
  });

  it('is for coordinators and organisation administrators only', async () => {
    expect((await homeAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).statusCode).toBe(200);
    expect((await w.nurse.session.get('/api/nightcare/kpis')).statusCode).toBe(403);
    const gp = (await w.session(w.world.gpPost, ['nurse'], 'gpnurse')).session;
    expect((await gp.get('/api/nightcare/cost-allocation?month=2025-10')).statusCode).toBe(403);
  });

  it('refuses a period that ends before it starts or is longer than a year', async () => {
    expect((await w.coordinator.get('/api/nightcare/kpis?from=2025-10-31&to=2025-10-01')).statusCode).toBe(400);
    expect((await w.coordinator.get('/api/nightcare/kpis?from=2024-01-01&to=2025-10-01')).statusCode).toBe(400);
    expect((await w.coordinator.get('/api/nightcare/kpis')).statusCode).toBe(200);
  });
});

describe('cost allocation', () => {
  it('divides the month by local month boundaries, with a line for every care provider', async () => {
    const response = await homeAdmin.get('/api/nightcare/cost-allocation?month=2025-10');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ lines: { organisationId: string; incidents: number; minutesOnSite: number; incidentShare: number | null; minutesShare: number | null }[]; total: unknown; unallocated: unknown }>();
    expect(body.total).toEqual({ incidents: 4, minutesOnSite: 100 });
    expect(body.unallocated).toEqual({ incidents: 1, minutesOnSite: 0 });
    expect(body.lines).toContainEqual(expect.objectContaining({ organisationId: w.world.homeOrg, incidents: 3, minutesOnSite: 50, incidentShare: 0.75, minutesShare: 0.5 }));
    expect(body.lines).toContainEqual(expect.objectContaining({ organisationId: w.world.partnerOrg, incidents: 1, minutesOnSite: 50, incidentShare: 0.25, minutesShare: 0.5 }));
    expect(body.lines).toContainEqual(expect.objectContaining({ organisationId: w.world.outsiderOrg, incidents: 0, incidentShare: 0 }));
    const november = (await homeAdmin.get('/api/nightcare/cost-allocation?month=2025-11')).json<{ total: unknown }>();
    expect(november.total).toEqual({ incidents: 1, minutesOnSite: 10 });
  });

  it('exports CSV in Dutch spreadsheet style and a PDF', async () => {
    const csv = await homeAdmin.get('/api/nightcare/cost-allocation.csv?month=2025-10');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Organisatie;Inzetten;Aandeel inzetten;Minuten ter plaatse;Aandeel minuten');
    expect(lines).toContain('Home care;3;75,00;50;50,00');
    expect(lines).toContain('Totaal;4;100,00;100;100,00');
    const pdf = await homeAdmin.get('/api/nightcare/cost-allocation.pdf?month=2025-10');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await homeAdmin.get('/api/nightcare/cost-allocation?month=2025-13')).statusCode).toBe(400);
  });
});
