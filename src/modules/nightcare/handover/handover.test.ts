import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';
import { HandoverHub, type HandoverEvent } from './live.js';
import { handoverDueAt, sweepHandoverReminders } from './service.js';

interface HandoverBody {
  night: string;
  shiftStart: string;
  shiftEnd: string;
  overdue: boolean;
  acknowledgedAt: string | null;
  reminderAt: string | null;
  incidents: { id: string; client: { id: string; familyName: string }; report: { actions: string[]; minutesOnSite: number } | null; nurse: { name: string } | null; outcome: string | null; neverAttended: boolean; receivedBeforeShift: boolean }[];
  followUps: { incidentId: string; followUp: string }[];
}

// The night into Sunday 26 October 2025, when Amsterdam clocks go back at 03:00: a 9-hour shift.
const NIGHT = '2025-10-25';
let t: TestApp;
let w: NightWorld;
let homeDay: Session;
let partnerDay: Session;
let homeClient: { id: string; account: string };
let partnerClient: { id: string; account: string };
const ids: Record<string, string> = {};

const handover = async (s: Session, night = NIGHT) => {
  const response = await s.get(night ? `/api/nightcare/handovers?night=${night}` : '/api/nightcare/handovers');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<HandoverBody>();
};

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false }); // the test drives the sweeps itself
  w = await createNightWorld(t);
  homeDay = (await w.session(w.world.homeOrg, ['nurse'], 'homeday')).session;
  partnerDay = (await w.session(w.world.partnerOrg, ['nurse'], 'partnerday')).session;
  homeClient = await w.addClient(w.world.homeOrg, { familyName: 'Thuisklant' });
  partnerClient = await w.addClient(w.world.partnerOrg, { familyName: 'Partnerklant' });
  const report = { actions: ['Helped up', 'Checked for injuries'], minutesOnSite: 35, followUpNeeded: true, followUp: 'Ask the physiotherapist to assess walking', notes: 'Bruise on the left arm' };
  ids.home = await w.runIncident(homeClient.account, { report });
  // 23:40 CEST and 00:05 CEST (on site), 02:30 CET after the clocks went back.
  await w.setTimes(ids.home, { received: '2025-10-25T21:40:00Z', onSite: '2025-10-25T22:05:00Z', closed: '2025-10-25T22:45:00Z' });
  ids.homeFalse = await w.runIncident(homeClient.account, { cancel: 'false_alarm' });
  await w.setTimes(ids.homeFalse, { received: '2025-10-26T05:50:00Z', closed: '2025-10-26T05:55:00Z' });
  ids.homeOtherNight = await w.runIncident(homeClient.account, { cancel: 'resolved_by_phone' });
  await w.setTimes(ids.homeOtherNight, { received: '2025-10-26T21:30:00Z', closed: '2025-10-26T21:40:00Z' });
  ids.partner = await w.runIncident(partnerClient.account, { report: { actions: ['Catheter flushed'], minutesOnSite: 20, followUpNeeded: false } });
  await w.setTimes(ids.partner, { received: '2025-10-26T01:10:00Z', onSite: '2025-10-26T01:30:00Z', closed: '2025-10-26T01:55:00Z' });
});

describe('morning handover', () => {
  it("lists the night's incidents of the organisation's own clients with report and follow-up", async () => {
    const body = await handover(homeDay);
    expect(body.shiftStart).toBe('2025-10-25T21:00:00.000Z');
    expect(body.shiftEnd).toBe('2025-10-26T06:00:00.000Z');
    expect(body.incidents.map((i) => i.id)).toEqual([ids.home, ids.homeFalse]);
    const [visit, falseAlarm] = body.incidents;
    expect(visit).toMatchObject({ client: { id: homeClient.id, familyName: 'Thuisklant' }, outcome: 'completed', report: { minutesOnSite: 35, actions: ['Helped up', 'Checked for injuries'] } });
    expect(visit?.nurse?.name).toMatch(/nightnurse/);
    expect(falseAlarm).toMatchObject({ outcome: 'false_alarm', report: null });
    expect(body.followUps).toEqual([{ incidentId: ids.home, clientName: 'Jantje Thuisklant', followUp: 'Ask the physiotherapist to assess walking' }]);
  });

  it('never shows another organisation its neighbour’s client; direct reads are not found', async () => {
    const partner = await handover(partnerDay);
    expect(partner.incidents.map((i) => i.id)).toEqual([ids.partner]);
    expect(JSON.stringify(partner)).not.toContain(homeClient.id);
    expect((await partnerDay.get(`/api/nightcare/incidents/${ids.home}`)).statusCode).toBe(404);
    expect((await partnerDay.get(`/api/clients/${homeClient.id}`)).statusCode).toBe(404);
    expect((await partnerDay.get(`/api/clients/${homeClient.id}/night-summary`)).statusCode).toBe(404);
    const home = await handover(homeDay);
    expect(home.incidents.map((i) => i.id)).not.toContain(ids.partner);
  });

  it('writes exactly one audit entry per client read in a handover', async () => {
    const count = async () => Number((await t.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<string>().as('n')).where('client_id', '=', homeClient.id).executeTakeFirstOrThrow()).n);
    const before = await count();
    await handover(homeDay);
    expect(await count()).toBe(before + 1);
    const last = await t.db.selectFrom('audit_log').select(['resource', 'purpose', 'outcome']).where('client_id', '=', homeClient.id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toEqual({ resource: 'handover', purpose: 'handover', outcome: 'allowed' });
  });

  it('refuses staff without a client-data role', async () => {
    const admin = (await w.session(w.world.homeOrg, ['network_coordinator'], 'network')).session;
    expect((await admin.get(`/api/nightcare/handovers?night=${NIGHT}`)).statusCode).toBe(403);
  });

  it('defaults to the last ended night and renders a PDF', async () => {
    const latest = await handover(homeDay, '');
    expect(latest.night).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(latest.shiftEnd).getTime()).toBeLessThanOrEqual(Date.now());
    const pdf = await homeDay.get(`/api/nightcare/handovers/${NIGHT}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is due at 09:00 local time on the morning after, across the DST change', () => {
    expect(handoverDueAt(NIGHT, 'Europe/Amsterdam').toISOString()).toBe('2025-10-26T08:00:00.000Z');
    expect(handoverDueAt('2026-03-28', 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('reminds once, after 09:00, the organisations that did not acknowledge; acknowledging is idempotent', async () => {
    const hub = new HandoverHub(t.url);
    await hub.start();
    const events: HandoverEvent[] = [];
    hub.subscribe(w.world.partnerOrg, (e) => events.push(e));
    try {
      expect(await sweepHandoverReminders(t.deps, new Date('2025-10-26T07:30:00Z'))).toBe(0);
      const first = await homeDay.post(`/api/nightcare/handovers/${NIGHT}/acknowledge`);
      expect(first.statusCode, first.body).toBe(200);
      const again = await homeDay.post(`/api/nightcare/handovers/${NIGHT}/acknowledge`);
      expect(again.json()).toEqual(first.json());
      expect(await sweepHandoverReminders(t.deps, new Date('2025-10-26T08:30:00Z'))).toBe(1);
      expect(await sweepHandoverReminders(t.deps, new Date('2025-10-26T08:31:00Z'))).toBe(0);
      const deadline = Date.now() + 3000;
      while (!events.some((e) => e.type === 'handover_overdue') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(events).toContainEqual(expect.objectContaining({ type: 'handover_overdue', night: NIGHT, organisationId: w.world.partnerOrg }));
    } finally {
      await hub.close();
    }
    const partner = await handover(partnerDay);
    expect(partner).toMatchObject({ overdue: true, acknowledgedAt: null });
    expect(partner.reminderAt).toBe('2025-10-26T08:30:00.000Z');
    expect(await handover(homeDay)).toMatchObject({ overdue: false, acknowledgedAt: (await homeDay.post(`/api/nightcare/handovers/${NIGHT}/acknowledge`)).json<{ acknowledgedAt: string }>().acknowledgedAt });
  });

  it('refuses to acknowledge a night that has not ended', async () => {
    expect((await homeDay.post('/api/nightcare/handovers/2099-01-01/acknowledge')).statusCode).toBe(409);
  });
});

// The night of 18 October 2025 (CEST): the shift runs 23:00–07:00 local, 21:00Z–05:00Z.
describe('a complete handover', () => {
  const NIGHT_18 = '2025-10-18';
  const late: Record<string, string> = {};

  beforeAll(async () => {
    late.before = await w.runIncident(homeClient.account, { report: { actions: ['Helped up'], minutesOnSite: 25, followUpNeeded: false } });
    // Received at 22:50 local, ten minutes before the shift; the nurse was there at 23:10 and left at 23:40.
    await w.setTimes(late.before, { received: '2025-10-18T20:50:00Z', onSite: '2025-10-18T21:10:00Z', closed: '2025-10-18T21:40:00Z' });
    late.byPhone = await w.runIncident(homeClient.account, { cancel: 'resolved_by_phone' });
    await w.setTimes(late.byPhone, { received: '2025-10-19T01:00:00Z', closed: '2025-10-19T01:10:00Z' });
    late.falseAlarm = await w.runIncident(homeClient.account, { cancel: 'false_alarm' });
    await w.setTimes(late.falseAlarm, { received: '2025-10-19T02:00:00Z', closed: '2025-10-19T02:05:00Z' });
    // Received and closed in the afternoon before: the day's own business, not the night's.
    late.afternoon = await w.runIncident(homeClient.account, { cancel: 'resolved_by_phone' });
    await w.setTimes(late.afternoon, { received: '2025-10-18T12:00:00Z', closed: '2025-10-18T12:30:00Z' });
  });

  it('includes an incident received before the shift but handled in it, and not one settled before it', async () => {
    const body = await handover(homeDay, NIGHT_18);
    expect(body.incidents.map((i) => i.id)).toEqual([late.before, late.byPhone, late.falseAlarm]);
    expect(body.incidents[0]).toMatchObject({ receivedBeforeShift: true, neverAttended: false, report: { minutesOnSite: 25 } });
    expect(body.incidents[1]).toMatchObject({ receivedBeforeShift: false });
  });

  it('warns about an incident no nurse ever attended, but not about a false alarm', async () => {
    const body = await handover(homeDay, NIGHT_18);
    const byId = new Map(body.incidents.map((i) => [i.id, i]));
    expect(byId.get(late.byPhone!)?.neverAttended).toBe(true);
    expect(byId.get(late.falseAlarm!)?.neverAttended).toBe(false);
    expect(byId.get(late.before!)?.neverAttended).toBe(false);
    const pdf = await homeDay.get(`/api/nightcare/handovers/${NIGHT_18}/pdf`);
    const flat = await pdfText(pdf.rawPayload);
    // One warning: the phone call; and the early alarm says when it came in (22:50 local).
    expect(flat.match(/Nooit bezocht/g)).toHaveLength(1);
    expect(flat).toContain('Ontvangen voor het begin van de dienst (22:50)');
  });
});
