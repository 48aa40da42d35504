import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { FAKE_PATIENT_ID, FAKE_TOKEN, startFakeSource, type FakeSource } from '../../../test/support/fake-anw-source.js';
import { createNightWorld, type NightWorld } from '../../../test/support/night-world.js';
import { followAssignments } from './index.js';

/** Issue 17 (A): the Regisseur runs on the coordinator's assignment, through night care's assignment events. */

let t: TestApp;
let night: NightWorld;
let source: FakeSource;
const PARTNER_DID = 'did:nuts:partner-care';

type Summary = { origin: string; fetchedAt: string | null; warning: string | null; source: { name: string } | null; copy: { familyName: string } | null; sourceOrganisation: string | null; copyUpdatedAt: string | null };

beforeAll(async () => {
  // The sweep itself runs (every 50 ms): nobody presses anything after the assignment.
  t = await startTestApp({ anw: { sourceToken: async () => FAKE_TOKEN, summaryFreshSeconds: 3600, followEveryMs: 50 } });
  night = await createNightWorld(t);
  source = await startFakeSource({ family: 'Bakker', given: 'Jantje', birthDate: '1938-03-14', postalCode: '7811 AB' });
  const homeAdmin = await night.session(night.world.homeOrg, ['organisation_admin'], 'home-admin');
  expect((await homeAdmin.session.put('/api/anw/settings', { did: 'did:nuts:home-care', sourceBaseUrl: source.url, writeBackHandover: false })).statusCode).toBe(204);
  const partnerAdmin = await night.session(night.world.partnerOrg, ['organisation_admin'], 'partner-admin');
  expect((await partnerAdmin.session.put('/api/anw/settings', { did: PARTNER_DID, sourceBaseUrl: null })).statusCode).toBe(204);
});
afterAll(async () => source.close());

const remoteAccess = (incidentId: string) => t.db.selectFrom('anw_remote_access').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

/** Waits (at most 8 s) for what the sweep does in the background. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 8000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const handled = (incidentId: string) => t.db.selectFrom('nightcare_assignment_event').select(['kind', 'handled_at', 'last_error']).where('incident_id', '=', incidentId).orderBy('id').execute();

async function assignedIncident(familyName = 'Bakker'): Promise<string> {
  const client = await night.addClient(night.world.homeOrg, { familyName, postcode: '7811AB' });
  return night.runIncident(client.account, { open: true });
}

describe('the ANW Regisseur on assignment', () => {
  it('creates the authorisation Task at the source when the coordinator assigns, follows it to ready, and the nurse reads the summary through', async () => {
    const tasksBefore = source.tasks.length;
    const incidentId = await assignedIncident();
    const access = await eventually(() => remoteAccess(incidentId), (row) => row?.status === 'ready');
    expect(access).toMatchObject({ status: 'ready', remote_patient_id: FAKE_PATIENT_ID, nurse_user_id: night.nurse.user.id, last_error: null });
    expect(source.tasks.length).toBe(tasksBefore + 1);
    // For exactly the assigned nurse, asked by the coordinator's organisation (the night team's).
    const task = source.tasks.at(-1) as { owner: { identifier: { value: string } }; restriction: { recipient: { reference: string }[] } };
    expect(task.restriction.recipient[0]!.reference).toBe(`Practitioner/${night.nurse.user.id}`);
    expect(task.owner.identifier.value).toBe(PARTNER_DID);
    const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>();
    expect(summary).toMatchObject({ origin: 'source', warning: null, source: { name: 'Jantje Bakker' }, copy: null, copyUpdatedAt: null, sourceOrganisation: expect.any(String) as string });
    expect((await night.coordinator.get(`/api/anw/incidents/${incidentId}/summary-origin`)).json()).toMatchObject({ origin: 'source', warning: null, fetchedAt: summary.fetchedAt });
    // The nurse's acceptance is an event too; the coordinator's request already covers it.
    const events = await eventually(() => handled(incidentId), (rows) => rows.every((r) => r.handled_at !== null));
    expect(events).toEqual([
      { kind: 'nurse_assigned', handled_at: expect.any(Date) as Date, last_error: null },
      { kind: 'offer_accepted', handled_at: expect.any(Date) as Date, last_error: 'already_requested' },
    ]);
  });

  it('drops the cached summary when the assignment closes, without anyone reading it again', async () => {
    const incidentId = await assignedIncident();
    await eventually(() => remoteAccess(incidentId), (row) => row?.status === 'ready');
    await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`);
    expect((await remoteAccess(incidentId))?.summary).not.toBeNull();
    const report = { actions: ['toileting'], minutesOnSite: 20, minutesCorrectionReason: 'Test fixture: minutes as given', followUpNeeded: false };
    expect((await night.nurse.session.post(`/api/nightcare/incidents/${incidentId}/complete`, report)).statusCode).toBe(200);
    const after = await eventually(() => remoteAccess(incidentId), (row) => row?.summary === null);
    expect(after).toMatchObject({ summary: null, summary_fetched_at: null });
    expect((await handled(incidentId)).map((e) => e.kind)).toEqual(['nurse_assigned', 'offer_accepted', 'assignment_closed']);
  });

  it('records a source that is down, and the incident shows our copy with a warning', async () => {
    const saved = source.url;
    await t.db.updateTable('anw_organisation_setting').set({ source_base_url: 'http://127.0.0.1:9' }).where('organisation_id', '=', night.world.homeOrg).execute();
    let incidentId = '';
    try {
      incidentId = await assignedIncident();
      const access = await eventually(() => remoteAccess(incidentId), (row) => row?.status === 'failed');
      expect(access).toMatchObject({ status: 'failed', last_error: 'source_unavailable' });
    } finally {
      await t.db.updateTable('anw_organisation_setting').set({ source_base_url: saved }).where('organisation_id', '=', night.world.homeOrg).execute();
    }
    const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>();
    expect(summary).toMatchObject({ origin: 'copy', warning: 'source_unavailable', copy: { familyName: 'Bakker' }, sourceOrganisation: expect.any(String) as string });
    expect(summary.copyUpdatedAt).not.toBeNull();
    // The coordinator's panel hears the same, without the summary itself.
    const origin = await night.coordinator.get(`/api/anw/incidents/${incidentId}/summary-origin`);
    expect(origin.json()).toMatchObject({ origin: 'copy', warning: 'source_unavailable', fetchedAt: null, sourceOrganisation: summary.sourceOrganisation });
    // The manual route still works: the coordinator asks again once the source is back.
    const retry = await night.coordinator.post(`/api/anw/incidents/${incidentId}/source-access`);
    expect(retry.json()).toEqual({ status: 'ready', error: null });
    expect((await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<Summary>()).toMatchObject({ origin: 'source', warning: null });
  });

  it('asks nothing for a client whose organisation has no source, and reads nothing of the client for it', async () => {
    const client = await night.addClient(night.world.partnerOrg, { familyName: 'Local' });
    const incidentId = await night.runIncident(client.account, { open: true });
    const events = await eventually(() => handled(incidentId), (rows) => rows.every((r) => r.handled_at !== null));
    expect(events).toEqual([
      { kind: 'nurse_assigned', handled_at: expect.any(Date) as Date, last_error: 'no_source' },
      { kind: 'offer_accepted', handled_at: expect.any(Date) as Date, last_error: 'no_source' },
    ]);
    expect(await remoteAccess(incidentId)).toBeUndefined();
    // The Regisseur decided on the organisation's setting alone: no read of the incident's client on its account.
    const reads = await t.db.selectFrom('audit_log').select('id').where('client_id', '=', client.id).where('resource', '=', 'incident').where('action', '=', 'read').execute();
    expect(reads).toHaveLength(0);
  });

  it('hands each event to one sweep only, however many run at once', async () => {
    const quiet = await startTestApp({ anw: { sourceToken: async () => FAKE_TOKEN, followAssignments: false } });
    const world = await createNightWorld(quiet);
    const admin = await world.session(world.world.homeOrg, ['organisation_admin'], 'admin-2');
    await admin.session.put('/api/anw/settings', { did: 'did:nuts:home-2', sourceBaseUrl: source.url, writeBackHandover: false });
    const client = await world.addClient(world.world.homeOrg, { familyName: 'Bakker', postcode: '7811AB' });
    const tasksBefore = source.tasks.length;
    const incidentId = await world.runIncident(client.account, { open: true });
    const taken = await Promise.all([followAssignments(quiet.deps, { sourceToken: async () => FAKE_TOKEN }), followAssignments(quiet.deps, { sourceToken: async () => FAKE_TOKEN }), followAssignments(quiet.deps, { sourceToken: async () => FAKE_TOKEN })]);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(1);
    expect(source.tasks.length).toBe(tasksBefore + 1);
    expect((await quiet.db.selectFrom('anw_remote_access').select('status').where('incident_id', '=', incidentId).executeTakeFirstOrThrow()).status).toBe('ready');
    await quiet.app.close();
  });
});
