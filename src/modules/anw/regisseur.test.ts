import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { FAKE_PATIENT_ID, FAKE_TOKEN, startFakeSource, type FakeSource } from '../../../test/support/fake-anw-source.js';
import { createNightWorld, type NightWorld } from '../../../test/support/night-world.js';

let t: TestApp;
let night: NightWorld;
let source: FakeSource;
const HOME_DID = 'did:nuts:home-care';
const PARTNER_DID = 'did:nuts:partner-care';

type Summary = { origin: string; fetchedAt: string | null; warning: string | null; source: { name: string; alerts: string[]; allergies: string[]; reports: { text: string }[] } | null; copy: { familyName: string } | null };

beforeAll(async () => {
  // The manual route alone: the assignment events are left to regisseur-on-assignment.test.ts.
  t = await startTestApp({ anw: { sourceToken: async () => FAKE_TOKEN, summaryFreshSeconds: 0, followAssignments: false } });
  night = await createNightWorld(t);
  source = await startFakeSource({ family: 'Bakker', given: 'Jantje', birthDate: '1938-03-14', postalCode: '7811 AB' });
  const homeAdmin = await night.session(night.world.homeOrg, ['organisation_admin'], 'home-admin');
  const partnerAdmin = await night.session(night.world.partnerOrg, ['organisation_admin'], 'partner-admin');
  expect((await homeAdmin.session.put('/api/anw/settings', { did: HOME_DID, sourceBaseUrl: source.url, writeBackHandover: false })).statusCode).toBe(204);
  expect((await partnerAdmin.session.put('/api/anw/settings', { did: PARTNER_DID, sourceBaseUrl: null })).statusCode).toBe(204);
});
afterAll(async () => source.close());

async function assignedIncident(): Promise<string> {
  const client = await night.addClient(night.world.homeOrg, { familyName: 'Bakker', postcode: '7811AB' });
  return night.runIncident(client.account, { open: true });
}

describe('ANW Regisseur and Zorgverlener against a fake ECD', () => {
  it('asks the source for access for the assigned nurse, follows the Task to ready, and reads the summary through from it', async () => {
    const incidentId = await assignedIncident();
    const access = await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
    expect(access.statusCode, access.body).toBe(200);
    expect(access.json()).toEqual({ status: 'ready', error: null });
    const task = source.tasks.at(-1) as { for: { reference: string }; owner: { identifier: { value: string } }; requester: { onBehalfOf: { identifier: { value: string } } }; restriction: { recipient: { reference: string }[]; period: { start: string; end: string } } };
    expect(task.for.reference).toBe(`Patient/${FAKE_PATIENT_ID}`);
    expect(task.restriction.recipient[0]!.reference).toBe(`Practitioner/${night.nurse.user.id}`);
    expect(task.owner.identifier.value).toBe(PARTNER_DID);
    expect(task.requester.onBehalfOf.identifier.value).toBe(HOME_DID);
    expect(new Date(task.restriction.period.end).getTime() - new Date(task.restriction.period.start).getTime()).toBe(48 * 3600_000);
    const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>();
    expect(summary).toMatchObject({ origin: 'source', warning: null, copy: null, source: { name: 'Jantje Bakker', alerts: ['Valrisico (bron)'], allergies: ['Latex'], reports: [{ text: 'Evening visit: restless' }] } });
    expect(summary.fetchedAt).not.toBeNull();
    const audit = await t.db.selectFrom('audit_log').select(['outcome', 'fields']).where('user_id', '=', night.nurse.user.id).where('resource', '=', 'night_summary').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'allowed', fields: ['anw_source'] });
  });

  it('writes the visit report back as a nursing report and its minutes as an nl-time-charge-item, once, and drops the summary when the incident closes', async () => {
    const incidentId = await assignedIncident();
    await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
    await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`);
    const report = { actions: ['toileting'], minutesOnSite: 25, minutesCorrectionReason: 'Test fixture: minutes as given', followUpNeeded: false, notes: 'Back in bed, calm' };
    expect((await night.nurse.session.post(`/api/nightcare/incidents/${incidentId}/complete`, report)).statusCode).toBe(200);
    const sent = await night.nurse.session.post(`/api/anw/incidents/${incidentId}/write-back`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ sent: ['nursing_report', 'time'], minutes: 25 });
    const observation = source.observations.at(-1)!;
    expect(observation).toMatchObject({ meta: { profile: ['https://nuts.nl/fhir/StructureDefinition/nl-core-nursingreport'] }, subject: { reference: `Patient/${FAKE_PATIENT_ID}` } });
    expect(String(observation.valueString)).toContain('Back in bed, calm');
    const charge = source.chargeItems.at(-1)!;
    expect(charge).toMatchObject({
      meta: { profile: ['http://nuts.nl/fhir/StructureDefinition/nl-time-charge-item'] },
      status: 'billable',
      quantity: { value: 25, code: 'min' },
      code: { coding: [{ code: 'NORMAL' }] },
      performingOrganization: { identifier: { value: PARTNER_DID } },
      requestingOrganization: { identifier: { value: HOME_DID } },
    });
    // The cost statement charges the visit report's minutes on site: the same figure the source is sent.
    const minutes = await t.db.selectFrom('visit_report').select('minutes_on_site').where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(minutes.minutes_on_site).toBe((charge.quantity as { value: number }).value);
    expect((await night.nurse.session.post(`/api/anw/incidents/${incidentId}/write-back`)).json()).toEqual({ sent: [], minutes: 25 });
    await night.coordinator.get(`/api/anw/incidents/${incidentId}/night-summary`);
    const cached = await t.db.selectFrom('anw_remote_access').select(['summary', 'summary_fetched_at']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(cached).toEqual({ summary: null, summary_fetched_at: null });
  });

  it('also writes the follow-up back as a transfer note when the home organisation asks for the handover', async () => {
    await t.db.updateTable('anw_organisation_setting').set({ write_back_handover: true }).where('organisation_id', '=', night.world.homeOrg).execute();
    try {
      const incidentId = await assignedIncident();
      await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
      const report = { actions: ['toileting'], minutesOnSite: 15, minutesCorrectionReason: 'Test fixture: minutes as given', followUpNeeded: true, followUp: 'Check the catheter this morning' };
      expect((await night.nurse.session.post(`/api/nightcare/incidents/${incidentId}/complete`, report)).statusCode).toBe(200);
      expect((await night.nurse.session.post(`/api/anw/incidents/${incidentId}/write-back`)).json()).toEqual({ sent: ['nursing_report', 'handover', 'time'], minutes: 15 });
      expect(source.observations.at(-1)).toMatchObject({ code: { coding: [{ code: '28651-8' }] }, valueString: 'Check the catheter this morning' });
    } finally {
      await t.db.updateTable('anw_organisation_setting').set({ write_back_handover: false }).where('organisation_id', '=', night.world.homeOrg).execute();
    }
  });

  it('shows the coordinator a source that is down, and gives the nurse our copy with a warning', async () => {
    const incidentId = await assignedIncident();
    const saved = source.url;
    await t.db.updateTable('anw_organisation_setting').set({ source_base_url: 'http://127.0.0.1:9' }).where('organisation_id', '=', night.world.homeOrg).execute();
    try {
      const access = await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
      expect(access.json()).toEqual({ status: 'failed', error: 'source_unavailable' });
      const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>();
      expect(summary).toMatchObject({ origin: 'copy', warning: 'source_unavailable', source: null, copy: { familyName: 'Bakker' } });
    } finally {
      await t.db.updateTable('anw_organisation_setting').set({ source_base_url: saved }).where('organisation_id', '=', night.world.homeOrg).execute();
    }
  });

  it('falls back to our copy with a warning when the source withdraws the grant, and refuses the summary to anyone but the incident\'s nurse and coordinator', async () => {
    const incidentId = await assignedIncident();
    await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
    source.expired = true;
    try {
      const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>();
      expect(summary).toMatchObject({ origin: 'copy', warning: 'source_unavailable', copy: { familyName: 'Bakker' } });
    } finally {
      source.expired = false;
    }
    const otherNurse = await night.session(night.world.partnerOrg, ['nurse'], 'other-nurse');
    expect((await otherNurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).statusCode).toBe(404);
    expect((await night.nurse.session.post(`/api/anw/incidents/${incidentId}/source-access`)).statusCode).toBe(403);
  });

  it('keeps our copy for a client whose organisation has no source', async () => {
    const client = await night.addClient(night.world.partnerOrg, { familyName: 'Local' });
    const incidentId = await night.runIncident(client.account, { open: true });
    expect((await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`)).statusCode).toBe(409);
    expect((await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>()).toMatchObject({ origin: 'copy', warning: null, copy: { familyName: 'Local' } });
  });

  it('is refused by the fake source for any parameter off the list (the contract our requests keep)', async () => {
    const response = await fetch(`${source.url}/Flag?patient=${FAKE_PATIENT_ID}&_profile=x&_include=Flag:author`, { headers: { authorization: `Bearer ${FAKE_TOKEN}` } });
    expect(response.status).toBe(400);
  });
});
