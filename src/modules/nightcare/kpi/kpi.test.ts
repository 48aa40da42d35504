import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';
import { openNightShift } from '../../../../test/support/world.js';
import type { IncidentStatusColumn, UrgencyColumn } from '../tables.js';

/*
 * One known month, October 2025 in Amsterdam (the clocks go back at 03:00 CEST on the 26th), whose
 * figures are worked out by hand below. A = the night team's nurse (Partner care), B = a nurse of Home care.
 *
 *   I1 home    U1 received 26th 00:30Z, set off 00:32Z, on site 00:42Z (12 min), 30 min on site, by A
 *   I2 home    U2 received 26th 01:30Z, set off 01:45Z, on site 02:05Z (35 min), 20 min on site, by B
 *   I3 partner U2 received 10th 21:00Z, set off 21:10Z, on site 21:25Z (25 min), 50 min on site, by A
 *   I4 home    cancelled as false alarm, 11th 22:00Z
 *   I5 unlinked alarm, cancelled as false alarm, 15th 20:00Z
 *   I6 home    1 November 00:30 CET (31st 23:30Z): November, 10 min on site, by A
 *   I7 home    U1 received 25th 23:10Z, escalated to 112, no nurse ever on site     ← unattended
 *   I8 partner U2 received 26th 03:00Z, triaged and left, no nurse ever on site      ← unattended
 * Duties: A on the night of the 25th 21:00Z–06:00Z (9 h, the long DST night), B that night 23:00Z–03:00Z
 * (4 h), A on the night of the 10th 21:00Z–05:00Z (8 h).
 */
let t: TestApp;
let w: NightWorld;
let orgAdmin: Session;
let allianceAdmin: Session;
let homeClient: { id: string; account: string };
let partnerClient: { id: string; account: string };
const ids: Record<string, string> = {};

const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
const report = (minutesOnSite: number) => ({ report: { actions: ['Helped'], minutesOnSite, followUpNeeded: false } });

interface Kpis {
  incidents: number;
  reach: { attended: number; unattended: number; cancelled: number; cancelledByReason: Record<string, number> };
  responseTime: { count: number; percentiles: { p50: number }; withinThirtyMinutes: number; withinThirtyShare: number; histogram: { fromMinute: number; count: number }[] };
  byUrgency: { urgency: string; incidents: number; withinTarget: number; withinTargetShare: number | null; norm: { minutes: number | null; source: string } }[];
  byOrganisation: { organisationId: string | null; organisationName: string | null; incidents: number; reach: { unattended: number } }[];
  alarmsByHour: number[];
  falseAlarms: { count: number; rate: number };
  staffing: { nights: unknown[]; nurseHours: number; nurseHoursPerNight: number; nurseNights: number; nightsUnderMinimum: number; minimumNightNurses: number };
  utilisation: { travelMinutes: number; onSiteMinutes: number; onDutyMinutes: number; share: number; incidentsPerNurseNight: number };
  escalations: unknown;
  repeats: unknown;
  handovers: unknown;
}

const settings = (homeOrg: string, partnerOrg: string) => ({
  responseNorms: {
    U1: { minutes: 15, source: 'product_choice' },
    U2: { minutes: 30, source: 'product_choice' },
    U3: { minutes: 60, source: 'product_choice' },
    U4: { minutes: 120, source: 'product_choice' },
    U5: { minutes: null, source: 'product_choice' },
  },
  minimumNightNurses: 1,
  costAgreement: {
    agreementReference: 'Samenwerkingsovereenkomst 2025, bijlage 2',
    standbyCentsPerNurseHour: 4000,
    onSiteCentsPerHour: 6000,
    travelCentsPerHour: 3000,
    standbyKey: 'mix',
    eligibleClientsPercent: 50,
    fixedShares: { [homeOrg]: 6000, [partnerOrg]: 4000 },
  },
});

async function incidentRow(values: { client: { id: string }; organisationId: string; urgency: UrgencyColumn; status: IncidentStatusColumn; outcome: string | null; received: string; closed: string | null }) {
  const row = await t.db
    .insertInto('incident')
    .values({ alliance_id: w.world.allianceId, client_id: values.client.id, organisation_id: values.organisationId, status: values.status, reason: 'fall', urgency: values.urgency, outcome: values.outcome, received_at: values.received, closed_at: values.closed })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  orgAdmin = (await w.session(w.world.homeOrg, ['organisation_admin'], 'homeadmin')).session;
  allianceAdmin = (await w.session(w.world.homeOrg, ['alliance_admin'], 'allianceadmin')).session;
  const nurseB = (await w.session(w.world.homeOrg, ['nurse'], 'homenurse')).user;
  homeClient = await w.addClient(w.world.homeOrg, { familyName: 'Kpiklant' });
  partnerClient = await w.addClient(w.world.partnerOrg, { familyName: 'Partnerkpi' });
  const visits: { key: string; account: string; end: Parameters<NightWorld['runIncident']>[1]; received: string; setOff: number; onSite: number; urgency?: UrgencyColumn }[] = [
    { key: 'I1', account: homeClient.account, end: report(30), received: '2025-10-26T00:30:00Z', setOff: 2, onSite: 12, urgency: 'U1' },
    { key: 'I2', account: homeClient.account, end: report(20), received: '2025-10-26T01:30:00Z', setOff: 15, onSite: 35 },
    { key: 'I3', account: partnerClient.account, end: report(50), received: '2025-10-10T21:00:00Z', setOff: 10, onSite: 25 },
    { key: 'I6', account: homeClient.account, end: report(10), received: '2025-10-31T23:30:00Z', setOff: 0, onSite: 5 },
  ];
  for (const v of visits) {
    const id = await w.runIncident(v.account, v.end);
    ids[v.key] = id;
    await w.setTimes(id, { received: v.received, onSite: at(v.received, v.onSite), closed: at(v.received, v.onSite + 40) });
    // Event times are immutable in the app's types; the fixture moves the set-off into the night under test.
    await sql`UPDATE incident_event SET at = ${at(v.received, v.setOff)} WHERE incident_id = ${id} AND type = 'accepted'`.execute(t.db);
    if (v.urgency) await t.db.updateTable('incident').set({ urgency: v.urgency }).where('id', '=', id).execute();
  }
  await t.db.updateTable('incident').set({ assigned_user_id: nurseB.id, assigned_organisation_id: w.world.homeOrg }).where('id', '=', ids.I2!).execute();
  for (const [key, account, received] of [['I4', homeClient.account, '2025-10-11T22:00:00Z'], ['I5', 'FFFF01', '2025-10-15T20:00:00Z']] as const) {
    ids[key] = await w.runIncident(account, { cancel: 'false_alarm' });
    await w.setTimes(ids[key], { received, closed: at(received, 5) });
  }
  ids.I7 = await incidentRow({ client: homeClient, organisationId: w.world.homeOrg, urgency: 'U1', status: 'escalated', outcome: 'escalated_112', received: '2025-10-25T23:10:00Z', closed: '2025-10-25T23:20:00Z' });
  ids.I8 = await incidentRow({ client: partnerClient, organisationId: w.world.partnerOrg, urgency: 'U2', status: 'triaged', outcome: null, received: '2025-10-26T03:00:00Z', closed: null });
  await t.db
    .insertInto('nurse_duty')
    .values([
      { alliance_id: w.world.allianceId, user_id: w.nurse.user.id, organisation_id: w.world.partnerOrg, starts_at: '2025-10-25T21:00:00Z', ends_at: '2025-10-26T06:00:00Z', skills: [] },
      { alliance_id: w.world.allianceId, user_id: nurseB.id, organisation_id: w.world.homeOrg, starts_at: '2025-10-25T23:00:00Z', ends_at: '2025-10-26T03:00:00Z', skills: [] },
      { alliance_id: w.world.allianceId, user_id: w.nurse.user.id, organisation_id: w.world.partnerOrg, starts_at: '2025-10-10T21:00:00Z', ends_at: '2025-10-11T05:00:00Z', skills: [] },
    ])
    .execute();
  const referral = { gp_post_id: w.world.gpPost, reason: 'fall', urgency: 'U2' as const, summary: 'Fell', sent_by: w.nurse.user.id };
  await t.db.insertInto('gp_referral').values([{ ...referral, incident_id: ids.I3!, status: 'answered', outcome: 'gp_visit' }, { ...referral, incident_id: ids.I2! }]).execute();
  const handover = { alliance_id: w.world.allianceId, shift_end: '2025-10-26T06:00:00Z' };
  await t.db
    .insertInto('handover')
    .values([
      // Due 09:00 CET on the 26th = 08:00Z: read at 07:30Z is on time, at 09:00Z late; the night of the 10th never read.
      { ...handover, organisation_id: w.world.homeOrg, shift_start: '2025-10-25T21:00:00Z', acknowledged_at: '2025-10-26T07:30:00Z' },
      { ...handover, organisation_id: w.world.partnerOrg, shift_start: '2025-10-25T21:00:00Z', acknowledged_at: '2025-10-26T09:00:00Z' },
      { alliance_id: w.world.allianceId, organisation_id: w.world.homeOrg, shift_start: '2025-10-10T21:00:00Z', shift_end: '2025-10-11T05:00:00Z' },
    ])
    .execute();
  const saved = await allianceAdmin.patch('/api/nightcare/management-settings', settings(w.world.homeOrg, w.world.partnerOrg));
  expect(saved.statusCode, saved.body).toBe(200);
});

describe('night-care KPIs on a known month', () => {
  it('counts unattended and cancelled incidents and lets the unattended ones count against the norm', async () => {
    const response = await orgAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31');
    expect(response.statusCode, response.body).toBe(200);
    const kpis = response.json<Kpis>();
    // October: I1 I2 I3 I4 I5 I7 I8 = 7 (I6 is in November).
    expect(kpis.incidents).toBe(7);
    // Attended I1 I2 I3; unattended I7 I8; cancelled I4 I5 (both false alarms).
    expect(kpis.reach).toEqual({ attended: 3, unattended: 2, cancelled: 2, cancelledByReason: { false_alarm: 2 } });
    // Response times of the attended: 12, 25, 35 → median 25; 2 of 3 within 30 minutes.
    expect(kpis.responseTime).toMatchObject({ count: 3, percentiles: { p50: 25 }, withinThirtyMinutes: 2, withinThirtyShare: 0.6667 });
    expect(kpis.responseTime.histogram.filter((b) => b.count > 0).map((b) => b.fromMinute)).toEqual([10, 25, 35]);
    // U1: I1 in 12 ≤ 15 min; I7 never reached → 1 of 2 = 0.5 (attended only would have said 100 %).
    expect(kpis.byUrgency.find((u) => u.urgency === 'U1')).toMatchObject({ incidents: 2, withinTarget: 1, withinTargetShare: 0.5, norm: { minutes: 15, source: 'product_choice' } });
    // U2: I3 in 25 ≤ 30; I2 in 35 > 30; I8 never reached → 1 of 3 = 0.3333.
    expect(kpis.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ incidents: 3, withinTarget: 1, withinTargetShare: 0.3333 });
    expect(kpis.byUrgency.find((u) => u.urgency === 'U4')).toMatchObject({ incidents: 0, withinTargetShare: null });
    // Local hours: I1 02:30 CEST and I2 02:30 CET both hour 2; I7 01:10; I3 23:00; I4 00:00; I5 22:00; I8 04:00.
    expect(kpis.alarmsByHour[2]).toBe(2);
    expect([kpis.alarmsByHour[1], kpis.alarmsByHour[23], kpis.alarmsByHour[0], kpis.alarmsByHour[22], kpis.alarmsByHour[4]]).toEqual([1, 1, 1, 1, 1]);
    // 2 false alarms of 7 = 0.2857.
    expect(kpis.falseAlarms).toEqual({ count: 2, rate: 0.2857 });
    // Home: I1 I2 I4 I7 (I7 unattended); Partner: I3 I8 (I8 unattended).
    expect(kpis.byOrganisation.find((o) => o.organisationId === w.world.homeOrg)).toMatchObject({ organisationName: 'Home care', incidents: 4, reach: { unattended: 1 } });
    expect(kpis.byOrganisation.find((o) => o.organisationId === w.world.partnerOrg)).toMatchObject({ incidents: 2, reach: { unattended: 1 } });
    expect(kpis.byOrganisation).toContainEqual(expect.objectContaining({ organisationId: null, incidents: 1 }));
  });

  it('reports staffing, utilisation, escalations, repeats and handovers read on time', async () => {
    const kpis = (await orgAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).json<Kpis>();
    // 31 nights. Night of the 25th: A 9 h + B 4 h; night of the 10th: A 8 h → 21 h, 21 / 31 = 0.68 h per night.
    // Nurse-nights 2 + 1 = 3; with a minimum of 1 nurse, 31 − 2 staffed nights = 29 under the minimum.
    expect(kpis.staffing).toMatchObject({ minimumNightNurses: 1, nurseHours: 21, nurseHoursPerNight: 0.68, nurseNights: 3, nightsUnderMinimum: 29 });
    expect(kpis.staffing.nights).toHaveLength(31);
    expect(kpis.staffing.nights).toContainEqual({ night: '2025-10-25', nurses: 2, nurseHours: 13, underMinimum: false });
    // Travel: I1 00:32→00:42 = 10, I2 01:45→02:05 = 20, I3 21:10→21:25 = 15 → 45 min.
    // On site 30 + 20 + 50 = 100 min. On duty 21 h = 1260 min. (45 + 100) / 1260 = 0.1151. 3 attended / 3 nurse-nights = 1.
    expect(kpis.utilisation).toEqual({ travelMinutes: 45, onSiteMinutes: 100, onDutyMinutes: 1260, share: 0.1151, incidentsPerNurseNight: 1 });
    // I7 went to 112; GP post: I3 answered with a GP visit, I2's referral unanswered.
    expect(kpis.escalations).toEqual({ to112: 1, gpPost: { referrals: 2, unanswered: 1, byOutcome: { advice: 0, gp_visit: 1, gp_consult: 0, hospital: 0, no_action: 0 } } });
    // Home client: I1 I2 I4 I7 = 4; partner client: I3 I8 = 2; I5 unlinked. 6 linked − 2 clients = 4 repeats, 3 per client.
    expect(kpis.repeats).toEqual({ clients: 2, once: 0, twice: 1, threeOrMore: 1, repeatIncidents: 4, incidentsPerClient: 3 });
    // Three handovers due: one read on time, one late, one unread → 1 / 3.
    expect(kpis.handovers).toEqual({ due: 3, readOnTime: 1, readLate: 1, unread: 1, onTimeShare: 0.3333 });
  });

  it('names no client anywhere in the figures', async () => {
    const body = (await orgAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).body;
    for (const secret of [homeClient.id, partnerClient.id, 'Kpiklant', 'Partnerkpi', homeClient.account]) expect(body).not.toContain(secret);
  });

  it('is for administrators and coordinators; a nurse and a GP-post nurse are refused', async () => {
    expect((await allianceAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).statusCode).toBe(200);
    expect((await w.coordinator.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).statusCode).toBe(200);
    expect((await w.nurse.session.get('/api/nightcare/kpis')).statusCode).toBe(403);
    expect((await w.nurse.session.get('/api/nightcare/kpis/coverage')).statusCode).toBe(403);
    const gp = (await w.session(w.world.gpPost, ['nurse'], 'gpnurse')).session;
    expect((await gp.get('/api/nightcare/kpis')).statusCode).toBe(403);
  });

  it('refuses a period that ends before it starts or is longer than a year', async () => {
    expect((await orgAdmin.get('/api/nightcare/kpis?from=2025-10-31&to=2025-10-01')).statusCode).toBe(400);
    expect((await orgAdmin.get('/api/nightcare/kpis?from=2024-01-01&to=2025-10-01')).statusCode).toBe(400);
    expect((await orgAdmin.get('/api/nightcare/kpis')).statusCode).toBe(200);
  });
});

interface Statement {
  users: { organisationId: string; keyShare: number; deployments: number; fixedCents: number; variableCents: number; totalCents: number }[];
  suppliers: { organisationId: string; nurseHours: number; standbyCents: number }[];
  cells: { supplierId: string; userId: string; deployments: number; minutesOnSite: number; travelMinutes: number; fixedCents: number; variableCents: number; totalCents: number }[];
  totals: unknown;
  notDeployments: unknown;
  unallocated: unknown;
}

describe('cost statement', () => {
  it('splits standby by the mixed key and charges deployments per supplier and user, never the unattended', async () => {
    const response = await orgAdmin.get('/api/nightcare/cost-allocation?month=2025-10');
    expect(response.statusCode, response.body).toBe(200);
    const s = response.json<Statement>();
    const { homeOrg, partnerOrg, outsiderOrg } = w.world;
    // Standby at €40/nurse-hour: Partner care (A) 9 + 8 = 17 h → €680.00; Home care (B) 4 h → €160.00.
    expect(s.suppliers).toEqual([
      { organisationId: homeOrg, nurseHours: 4, standbyCents: 16000 },
      { organisationId: partnerOrg, nurseHours: 17, standbyCents: 68000 },
    ]);
    // Key: 50 % by eligible clients (1 and 1 of 2) + 50 % fixed (60 % / 40 %):
    // Home 0.5 × 0.5 + 0.5 × 0.6 = 0.55; Partner 0.25 + 0.2 = 0.45; Outsider 0.
    expect(s.users.map((u) => [u.organisationId, u.keyShare])).toEqual([[homeOrg, 0.55], [outsiderOrg, 0], [partnerOrg, 0.45]]);
    const cell = (supplier: string, user: string) => s.cells.find((c) => c.supplierId === supplier && c.userId === user);
    // I1 by A for Home: 30 min × €60/h = €30.00 + 10 min travel × €30/h = €5.00 → 3500; fixed 68000 × 0.55 = 37400.
    expect(cell(partnerOrg, homeOrg)).toMatchObject({ deployments: 1, minutesOnSite: 30, travelMinutes: 10, fixedCents: 37400, variableCents: 3500, totalCents: 40900 });
    // I3 by A for Partner: 50 min → €50.00 + 15 min → €7.50 = 5750; fixed 68000 × 0.45 = 30600.
    expect(cell(partnerOrg, partnerOrg)).toMatchObject({ deployments: 1, fixedCents: 30600, variableCents: 5750, totalCents: 36350 });
    // I2 by B for Home: 20 min → €20.00 + 20 min → €10.00 = 3000; fixed 16000 × 0.55 = 8800.
    expect(cell(homeOrg, homeOrg)).toMatchObject({ deployments: 1, fixedCents: 8800, variableCents: 3000, totalCents: 11800 });
    // No deployment by B for Partner: only its standby share 16000 × 0.45 = 7200.
    expect(cell(homeOrg, partnerOrg)).toMatchObject({ deployments: 0, fixedCents: 7200, variableCents: 0, totalCents: 7200 });
    expect(cell(partnerOrg, outsiderOrg)).toMatchObject({ totalCents: 0 });
    // Home: 37400 + 8800 = 46200 fixed, 3500 + 3000 = 6500 variable; Partner: 30600 + 7200 = 37800 and 5750.
    expect(s.users.find((u) => u.organisationId === homeOrg)).toMatchObject({ deployments: 2, fixedCents: 46200, variableCents: 6500, totalCents: 52700 });
    expect(s.users.find((u) => u.organisationId === partnerOrg)).toMatchObject({ deployments: 1, fixedCents: 37800, variableCents: 5750, totalCents: 43550 });
    // All standby divided: 84000; variable 12250; total 96250. I7 and I8 were never attended, I4 and I5 cancelled.
    expect(s.totals).toEqual({ deployments: 3, minutesOnSite: 100, travelMinutes: 45, fixedCents: 84000, variableCents: 12250, totalCents: 96250 });
    expect(s.notDeployments).toEqual({ unattended: 2, cancelled: 2 });
    expect(s.unallocated).toEqual({ deployments: 0, minutesOnSite: 0, travelMinutes: 0, variableCents: 0, standbyCents: 0 });
  });

  it('charges a deployment in a month without standby hours by its minutes only', async () => {
    const s = (await orgAdmin.get('/api/nightcare/cost-allocation?month=2025-11')).json<Statement>();
    // I6: 10 min × €60/h = €10.00 + set off at receipt, on site 5 min later: 5 min × €30/h = €2.50. Nobody on duty in November.
    expect(s.totals).toEqual({ deployments: 1, minutesOnSite: 10, travelMinutes: 5, fixedCents: 0, variableCents: 1250, totalCents: 1250 });
  });

  it('exports CSV in Dutch spreadsheet style and a PDF', async () => {
    const csv = await orgAdmin.get('/api/nightcare/cost-allocation.csv?month=2025-10');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Leverancier;Gebruiker;Inzetten;Minuten ter plaatse;Minuten reistijd;Vast deel (€);Variabel deel (€);Totaal (€)');
    expect(lines).toContain('Partner care;Home care;1;30;10;374,00;35,00;409,00');
    expect(lines).toContain('Alle leveranciers;Home care;2;50;30;462,00;65,00;527,00');
    expect(lines).toContain('Totaal;;3;100;45;840,00;122,50;962,50');
    expect(lines).toContain('Niet in rekening gebracht: 2 meldingen nooit bezocht, 2 geannuleerd.');
    const pdf = await orgAdmin.get('/api/nightcare/cost-allocation.pdf?month=2025-10');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await orgAdmin.get('/api/nightcare/cost-allocation?month=2025-13')).statusCode).toBe(400);
  });

  it('is for alliance and organisation administrators only: a coordinator and a nurse are refused', async () => {
    expect((await allianceAdmin.get('/api/nightcare/cost-allocation?month=2025-10')).statusCode).toBe(200);
    expect((await w.coordinator.get('/api/nightcare/cost-allocation?month=2025-10')).statusCode).toBe(403);
    expect((await w.coordinator.get('/api/nightcare/cost-allocation.csv?month=2025-10')).statusCode).toBe(403);
    expect((await w.nurse.session.get('/api/nightcare/cost-allocation.pdf?month=2025-10')).statusCode).toBe(403);
  });
});

describe('management settings', () => {
  it('shows the norms with their source; only an alliance administrator changes them', async () => {
    const read = (await orgAdmin.get('/api/nightcare/management-settings')).json<{ responseNorms: Record<string, { minutes: number | null; source: string }> }>();
    expect(read.responseNorms.U2).toEqual({ minutes: 30, source: 'product_choice' });
    const body = settings(w.world.homeOrg, w.world.partnerOrg);
    expect((await orgAdmin.patch('/api/nightcare/management-settings', body)).statusCode).toBe(403);
    const nts = { ...body, responseNorms: { ...body.responseNorms, U2: { minutes: 60, source: 'nts' } } };
    const saved = await allianceAdmin.patch('/api/nightcare/management-settings', nts);
    expect(saved.json<{ responseNorms: { U2: unknown } }>().responseNorms.U2).toEqual({ minutes: 60, source: 'nts' });
    // Under the NTS hour, I2 (35 min) is within the norm too: 2 of 3.
    const kpis = (await orgAdmin.get('/api/nightcare/kpis?from=2025-10-01&to=2025-10-31')).json<Kpis>();
    expect(kpis.byUrgency.find((u) => u.urgency === 'U2')).toMatchObject({ withinTarget: 2, withinTargetShare: 0.6667, norm: { source: 'nts' } });
    expect((await allianceAdmin.patch('/api/nightcare/management-settings', body)).statusCode).toBe(200);
  });

  it('refuses shares that do not add up to 100 %, name a non-provider, or rates out of range', async () => {
    const body = settings(w.world.homeOrg, w.world.partnerOrg);
    const put = (agreement: Record<string, unknown>) => allianceAdmin.patch('/api/nightcare/management-settings', { ...body, costAgreement: { ...body.costAgreement, ...agreement } });
    const short = await put({ fixedShares: { [w.world.homeOrg]: 6000, [w.world.partnerOrg]: 3000 } });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('not_100_percent');
    expect((await put({ fixedShares: { [w.world.homeOrg]: 6000, [w.world.gpPost]: 4000 } })).statusCode).toBe(400);
    expect((await put({ onSiteCentsPerHour: -1 })).statusCode).toBe(400);
    expect((await put({ standbyKey: 'coin_toss' })).statusCode).toBe(400);
    // By eligible clients alone the shares are not used and may be left empty.
    expect((await put({ standbyKey: 'eligible_clients', fixedShares: {} })).statusCode).toBe(200);
    expect((await allianceAdmin.patch('/api/nightcare/management-settings', body)).statusCode).toBe(200);
  });
});

describe('coverage tonight', () => {
  it('gives the share of eligible clients within the norm’s driving time and the areas out of reach, without identities', async () => {
    await openNightShift(t.db, w.world.allianceId);
    // The night nurse is on duty now at 52.78, 6.9. The home client lives next door; the partner client 47 km
    // north (≈ 50 min by road): out of reach for U2's 30 minutes, within U3's 60.
    await t.db.updateTable('client').set({ latitude: 53.2, longitude: 6.9, postcode: '9711 AA' }).where('id', '=', partnerClient.id).execute();
    const u2 = await orgAdmin.get('/api/nightcare/kpis/coverage?urgency=U2');
    expect(u2.statusCode, u2.body).toBe(200);
    expect(u2.json()).toMatchObject({ nursesOnDuty: 1, nursesWithPosition: 1, eligibleClients: 2, reachable: 1, outOfReach: 1, share: 0.5, areasOutOfReach: [{ postcode4: '9711', clients: 1 }], norm: { minutes: 30 } });
    expect(u2.body).not.toContain(partnerClient.id);
    expect((await orgAdmin.get('/api/nightcare/kpis/coverage?urgency=U3')).json()).toMatchObject({ reachable: 2, share: 1, areasOutOfReach: [] });
  });
});
