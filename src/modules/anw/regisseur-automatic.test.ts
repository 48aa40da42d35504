import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { FAKE_TOKEN, startFakeSource, type FakeSource } from '../../../test/support/fake-anw-source.js';
import { createNightWorld, type NightWorld } from '../../../test/support/night-world.js';
import { addTeamMember } from '../alliance/index.js';
import { expireOffers } from '../nightcare/index.js';
import { followAssignments } from './index.js';

/**
 * Issue 17 (A): the Regisseur when automatic dispatch offers the incident and no coordinator acts. The
 * sweeps are off: each test drives night care's offer sweep and the Regisseur's queue itself.
 */

let t: TestApp;
let night: NightWorld;
let source: FakeSource;
const PARTNER_DID = 'did:nuts:partner-care';
const anw = { sourceToken: async () => FAKE_TOKEN };

type AuthorizationTask = { requester: { agent: { identifier?: { value: string }; display: string } }; owner: { identifier: { value: string } }; restriction: { recipient: { reference: string }[] } };

beforeAll(async () => {
  t = await startTestApp({ anw: { ...anw, followAssignments: false }, nightcareSweeps: false });
  night = await createNightWorld(t);
  source = await startFakeSource({ family: 'Bakker', given: 'Jantje', birthDate: '1938-03-14', postalCode: '7811 AB' });
  const homeAdmin = await night.session(night.world.homeOrg, ['organisation_admin'], 'home-admin');
  expect((await homeAdmin.session.put('/api/anw/settings', { did: 'did:nuts:home-care', sourceBaseUrl: source.url, writeBackHandover: false })).statusCode).toBe(204);
  const partnerAdmin = await night.session(night.world.partnerOrg, ['organisation_admin'], 'partner-admin');
  expect((await partnerAdmin.session.put('/api/anw/settings', { did: PARTNER_DID, sourceBaseUrl: null })).statusCode).toBe(204);
  await t.db.updateTable('alliance').set({ auto_dispatch_urgencies: ['U2'] }).where('id', '=', night.world.allianceId).execute();
});
afterAll(async () => source.close());

const remoteAccess = (incidentId: string) => t.db.selectFrom('anw_remote_access').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
const events = (incidentId: string) => t.db.selectFrom('nightcare_assignment_event').select(['kind', 'last_error']).where('incident_id', '=', incidentId).where('handled_at', 'is not', null).orderBy('id').execute();
const assignedTo = async (incidentId: string) => (await t.db.selectFrom('incident').select(['status', 'assigned_user_id']).where('id', '=', incidentId).executeTakeFirstOrThrow());

/** Runs the Regisseur's queue until nothing is due (each incident's events go one at a time). */
async function drain(): Promise<void> {
  while ((await followAssignments(t.deps, anw)) > 0);
}

/** An alarm for a client of the home organisation, which automatic dispatch offers to the night nurse. */
async function automaticOffer(familyName = 'Bakker'): Promise<string> {
  const client = await night.addClient(night.world.homeOrg, { familyName, postcode: '7811AB' });
  const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': night.alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account: client.account, reason: 'fall' } });
  expect(alarm.statusCode).toBe(202);
  const incidentId = alarm.json<{ incidentId: string }>().incidentId;
  // Dispatch runs after the alarm's answer.
  const until = Date.now() + 5000;
  while ((await assignedTo(incidentId)).status !== 'assigned' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(await assignedTo(incidentId)).toEqual({ status: 'assigned', assigned_user_id: night.nurse.user.id });
  return incidentId;
}

describe('the ANW Regisseur for automatically dispatched incidents', () => {
  it('asks the source nothing while the automatic offer is open, then creates the Task as the alliance dispatch once the nurse accepts, and follows it to ready', async () => {
    const tasksBefore = source.tasks.length;
    const incidentId = await automaticOffer();
    await drain();
    expect(source.tasks.length).toBe(tasksBefore);
    expect(await remoteAccess(incidentId)).toBeUndefined();
    expect(await events(incidentId)).toEqual([{ kind: 'nurse_assigned', last_error: 'awaiting_acceptance' }]);

    expect((await night.nurse.session.post(`/api/nightcare/incidents/${incidentId}/accept`)).statusCode).toBe(200);
    await drain();
    expect(source.tasks.length).toBe(tasksBefore + 1);
    const task = source.tasks.at(-1) as AuthorizationTask;
    // The guide's requester is the Regisseur organisation (the night coordinators' one here), the nurse only the recipient.
    expect(task.requester.agent.identifier?.value).toBe(PARTNER_DID);
    expect(task.restriction.recipient).toEqual([{ reference: `Practitioner/${night.nurse.user.id}`, display: expect.any(String) as string }]);
    expect(task.owner.identifier.value).toBe(PARTNER_DID);
    expect(await remoteAccess(incidentId)).toMatchObject({ status: 'ready', nurse_user_id: night.nurse.user.id, last_error: null });
    expect(await events(incidentId)).toEqual([
      { kind: 'nurse_assigned', last_error: 'awaiting_acceptance' },
      { kind: 'offer_accepted', last_error: null },
    ]);
    // Our audit names the nurse whose assignment the request rests on, not a coordinator who did nothing.
    const client = (await t.db.selectFrom('incident').select('client_id').where('id', '=', incidentId).executeTakeFirstOrThrow()).client_id;
    const reads = await t.db.selectFrom('audit_log').select(['user_id', 'outcome']).where('client_id', '=', client).where('resource', '=', 'incident').where('action', '=', 'read').execute();
    expect(reads).toEqual([{ user_id: night.nurse.user.id, outcome: 'allowed' }]);
    const summary = (await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`)).json<{ origin: string }>();
    expect(summary.origin).toBe('source');
    await night.coordinator.post(`/api/nightcare/incidents/${incidentId}/cancel`, { reason: 'false_alarm' });
  });

  it('opens no access at the source for an automatic offer that lapses', async () => {
    const tasksBefore = source.tasks.length;
    const incidentId = await automaticOffer();
    expect(await expireOffers(t.deps, new Date(Date.now() + 60 * 60_000))).toBeGreaterThanOrEqual(1);
    expect((await assignedTo(incidentId)).assigned_user_id).toBeNull();
    await drain();
    expect(source.tasks.length).toBe(tasksBefore);
    expect(await remoteAccess(incidentId)).toBeUndefined();
    expect(await events(incidentId)).toEqual([
      { kind: 'nurse_assigned', last_error: 'awaiting_acceptance' },
      { kind: 'offer_withdrawn', last_error: null },
    ]);
    await night.coordinator.post(`/api/nightcare/incidents/${incidentId}/cancel`, { reason: 'false_alarm' });
  });

  it("closes the source access asked for a coordinator's offer that the nurse then declines, so nobody reads through it", async () => {
    await t.db.updateTable('alliance').set({ auto_dispatch_urgencies: [] }).where('id', '=', night.world.allianceId).execute();
    try {
      const client = await night.addClient(night.world.homeOrg, { familyName: 'Bakker', postcode: '7811AB' });
      const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': night.alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account: client.account, reason: 'fall' } });
      const incidentId = alarm.json<{ incidentId: string }>().incidentId;
      const base = `/api/nightcare/incidents/${incidentId}`;
      expect((await night.coordinator.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
      expect((await night.coordinator.post(`${base}/assign`, { userId: night.nurse.user.id })).statusCode).toBe(200);
      await drain();
      expect((await remoteAccess(incidentId))?.status).toBe('ready');
      await night.nurse.session.get(`/api/anw/incidents/${incidentId}/night-summary`);
      expect((await night.nurse.session.post(`${base}/decline`)).statusCode).toBe(200);
      await drain();
      expect(await remoteAccess(incidentId)).toMatchObject({ status: 'closed', summary: null, summary_fetched_at: null });
      expect(await events(incidentId)).toEqual([
        { kind: 'nurse_assigned', last_error: null },
        { kind: 'offer_withdrawn', last_error: null },
      ]);
      // The coordinator's panel no longer claims the source for this incident.
      expect((await night.coordinator.get(`/api/anw/incidents/${incidentId}/summary-origin`)).json()).toMatchObject({ origin: 'copy', warning: null });
      await night.coordinator.post(`${base}/cancel`, { reason: 'false_alarm' });
    } finally {
      await t.db.updateTable('alliance').set({ auto_dispatch_urgencies: ['U2'] }).where('id', '=', night.world.allianceId).execute();
    }
  });

  it('names no guessed Regisseur when the night coordinators come from several organisations with a DID each', async () => {
    const other = await night.session(night.world.homeOrg, ['coordinator'], 'home-nightcoord');
    await addTeamMember(t.db, { allianceId: night.world.allianceId, teamName: 'Night team', userId: other.user.id, organisationId: night.world.homeOrg });
    const tasksBefore = source.tasks.length;
    const incidentId = await automaticOffer();
    expect((await night.nurse.session.post(`/api/nightcare/incidents/${incidentId}/accept`)).statusCode).toBe(200);
    await drain();
    expect(source.tasks.length).toBe(tasksBefore);
    expect(await events(incidentId)).toEqual([
      { kind: 'nurse_assigned', last_error: 'awaiting_acceptance' },
      { kind: 'offer_accepted', last_error: 'no_regisseur' },
    ]);
  });
});
