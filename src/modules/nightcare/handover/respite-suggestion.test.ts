import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';
import { SETUP } from '../../../../test/support/world.js';
import { createAlliance, joinAlliance } from '../../alliance/index.js';

interface Suggestion { clientId: string; clientName: string; reasons: string[]; alarmsThisWeek: number; respiteAlliance: { id: string; name: string } | null }

// A night in March 2026 (CET): 22:00-07:00 UTC+1.
const NIGHT = '2026-03-10';
let t: TestApp;
let w: NightWorld;
let homeDay: Session;
const clients: Record<string, { id: string; account: string }> = {};

const suggestions = async () => {
  const response = await homeDay.get(`/api/nightcare/handovers?night=${NIGHT}&allianceId=${w.world.allianceId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ respiteSuggestions: Suggestion[] }>().respiteSuggestions;
};

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  homeDay = (await w.session(w.world.homeOrg, ['nurse'], 'homeday')).session;
  for (const name of ['Uitgeput', 'Vaakalarm', 'Eenmalig']) clients[name] = await w.addClient(w.world.homeOrg, { familyName: name });
  const report = { actions: ['Helped back to bed'], followUpNeeded: false };
  const tired = await w.runIncident(clients.Uitgeput!.account, { report: { ...report, caregiverCannotCope: true } });
  await w.setTimes(tired, { received: '2026-03-10T23:00:00Z', onSite: '2026-03-10T23:20:00Z', closed: '2026-03-10T23:50:00Z' });
  // Three alarms within the week, the last one tonight.
  for (const [i, day] of ['2026-03-05', '2026-03-08', '2026-03-11'].entries()) {
    const id = await w.runIncident(clients.Vaakalarm!.account, { cancel: 'resolved_by_phone' });
    await w.setTimes(id, { received: `${day}T0${i + 1}:00:00Z`, closed: `${day}T0${i + 1}:10:00Z` });
  }
  // Older than a week: does not count.
  const old = await w.runIncident(clients.Eenmalig!.account, { cancel: 'resolved_by_phone' });
  await w.setTimes(old, { received: '2026-03-01T02:00:00Z', closed: '2026-03-01T02:10:00Z' });
  const once = await w.runIncident(clients.Eenmalig!.account, { report });
  await w.setTimes(once, { received: '2026-03-11T02:00:00Z', onSite: '2026-03-11T02:15:00Z', closed: '2026-03-11T02:40:00Z' });
});

describe('respite suggested in the morning handover', () => {
  it('suggests respite for a client whose caregiver cannot cope and for one with repeated night alarms, not for a single alarm', async () => {
    const list = await suggestions();
    expect(list).toEqual(expect.arrayContaining([
      { clientId: clients.Uitgeput!.id, clientName: 'Jantje Uitgeput', reasons: ['caregiver_cannot_cope'], alarmsThisWeek: 1, respiteAlliance: null },
      { clientId: clients.Vaakalarm!.id, clientName: 'Jantje Vaakalarm', reasons: ['repeated_alarms'], alarmsThisWeek: 3, respiteAlliance: null },
    ]));
    expect(list.map((s) => s.clientId)).not.toContain(clients.Eenmalig!.id);
  });

  it('follows the alliance\'s alarm threshold and names the respite alliance the organisation is a member of', async () => {
    await t.db.updateTable('alliance').set({ respite_alarm_threshold: 4 }).where('id', '=', w.world.allianceId).execute();
    const respite = await createAlliance(t.db, SETUP, { name: 'Logeerzorg test', region: 'Test' });
    await joinAlliance(t.db, SETUP, respite, w.world.homeOrg);
    await t.db.insertInto('respite_location').values({
      alliance_id: respite, organisation_id: w.world.homeOrg, name: 'Logeerhuis', offer_type: 'respite_house', street: 'Laan 1', city: 'Assen', municipality: 'Assen', latitude: 53, longitude: 6.5, price_per_night_cents: 0,
    }).execute();
    const list = await suggestions();
    expect(list).toEqual([expect.objectContaining({ clientId: clients.Uitgeput!.id, reasons: ['caregiver_cannot_cope'], respiteAlliance: { id: respite, name: 'Logeerzorg test' } })]);
    await t.db.updateTable('alliance').set({ respite_alarm_threshold: 3 }).where('id', '=', w.world.allianceId).execute();
  });

  it('prints the same suggestions in the morning handover PDF', async () => {
    const pdf = await homeDay.get(`/api/nightcare/handovers/${NIGHT}/pdf?allianceId=${w.world.allianceId}`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Logeerzorg voorstellen');
    // By now the home organisation is in a respite alliance (the test above), so the PDF names it.
    expect(text).toContain('Jantje Uitgeput: De verpleegkundige zag dat de mantelzorger het niet meer aankan. Zoek een logeerplek via Logeerzorg test.');
    expect(text).toContain('Jantje Vaakalarm: 3 alarmen deze week. Zoek een logeerplek via Logeerzorg test.');
    expect(text).not.toMatch(/Jantje Eenmalig: /);
  });

  it('refuses a visit report whose caregiver flag is not a yes or no', async () => {
    const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': w.alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account: clients.Eenmalig!.account, reason: 'fall' } });
    const id = alarm.json<{ incidentId: string }>().incidentId;
    const response = await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, { actions: ['Visited'], followUpNeeded: false, caregiverCannotCope: 'yes' });
    expect(response.statusCode).toBe(400);
  });
});
