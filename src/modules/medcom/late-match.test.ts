import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';
import { haveMedcomExamples, medcomExample, MEDCOM_STANDARDS } from '../../../test/support/medcom.js';
import { validClient } from '../../../test/support/world.js';
import { createApiKey, setSorCode } from '../alliance/index.js';

/** Issue 17 (B): a hospital notification that arrived before its person was known does, once matched, what it would have done. */

const RECEIVER_SOR = '953741000016009';
const HOSPITAL_SOR = '265161000016000';
const HN = 'hospitalnotification/examples/testscripts/HospitalNotification_Ex_';
/** Elmer's CPR number in the vendored examples, replaced per test by a person of its own. */
const EXAMPLE_CPR = '2509479989';

let t: TestApp;
let world: CircleWorld;
let coordinator: Staff;
let gatewayKey: string;

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  await setSorCode(t.db, world.homeOrg, RECEIVER_SOR);
  await setSorCode(t.db, world.hospital, HOSPITAL_SOR);
  coordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'late-coord');
  gatewayKey = (await createApiKey(t.db, world.homeOrg, 'VANS gateway', true)).key;
});

/** A vendored example about the person with this CPR number, as a delivery of its own (a fresh Bundle id). */
function about(example: string, cpr: string): Record<string, unknown> {
  const original = medcomExample(`${HN}${example}.json`) as { id: string };
  return JSON.parse(JSON.stringify(original).replaceAll(EXAMPLE_CPR, cpr).replaceAll(original.id, randomUUID())) as Record<string, unknown>;
}

async function deliver(bundle: Record<string, unknown>): Promise<{ outcome: string }> {
  const response = await t.app.inject({ method: 'POST', url: '/api/medcom/inbox', headers: { 'x-api-key': gatewayKey }, payload: bundle });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Registers the person (CPR ddmmyy-xxxx) with a circle and one home task. */
async function personWithCircle(familyName: string, cpr: string): Promise<string> {
  const created = await coordinator.session.post('/api/clients', validClient({ familyName, cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` }));
  expect(created.statusCode, created.body).toBe(201);
  const clientId = created.json<{ id: string }>().id;
  expect((await coordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'self', name: familyName, email: `${familyName.toLowerCase()}@borger.example` }, consentGiven: true })).statusCode).toBe(201);
  const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() };
  expect((await coordinator.session.post(`/api/circles/${clientId}/tasks`, { title: 'Morning care', place: 'home', competence: null, ...window })).statusCode).toBe(201);
  return clientId;
}

const unmatchedId = async (bundle: Record<string, unknown>) =>
  (await t.db.selectFrom('medcom_message').select(['id', 'client_id']).where('header_id', '=', bundle.id as string).executeTakeFirstOrThrow()).id;
const match = (messageId: string, cpr: string) => coordinator.session.post(`/api/medcom/messages/${messageId}/match`, { cpr });
/** What the inbox says a message's late effects came to. */
const listedEffects = async (messageId: string) =>
  (await coordinator.session.get('/api/medcom/messages')).json<{ items: { id: string; lateEffects: string | null }[] }>().items.find((m) => m.id === messageId)?.lateEffects;
const morningCarePaused = async (clientId: string) =>
  (await coordinator.session.get(`/api/circles/${clientId}/tasks`)).json<{ items: { title: string; paused: boolean }[] }>().items.find((task) => task.title === 'Morning care')?.paused;
const timeline = async (clientId: string) => (await coordinator.session.get(`/api/circles/${clientId}/timeline`)).json<{ items: { type: string; actor: string }[] }>().items;
const pathways = (clientId: string) =>
  t.db.selectFrom('circle_pathway as p').innerJoin('circle as c', 'c.id', 'p.circle_id').select('p.id').where('c.client_id', '=', clientId).execute();

describe.skipIf(!haveMedcomExamples)(`effects of a hospital notification matched late${haveMedcomExamples ? '' : ` (skipped: no ${MEDCOM_STANDARDS})`}`, () => {
  it('pauses the home tasks when staff match an admission that arrived before the person was known, audited as that member of staff', async () => {
    const admission = about('STIN_A', '0101501111');
    expect((await deliver(admission)).outcome).toBe('rejected');
    const clientId = await personWithCircle('Lund', '0101501111');
    expect(await morningCarePaused(clientId)).toBe(false);
    const matched = await match(await unmatchedId(admission), '010150-1111');
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toEqual({ clientId, effects: 'applied' });
    expect(await morningCarePaused(clientId)).toBe(true);
    expect((await timeline(clientId)).filter((e) => e.type === 'admitted').map((e) => e.actor)).toEqual([expect.stringContaining('late-coord') as string]);
    const audit = await t.db.selectFrom('audit_log').select(['user_id', 'outcome']).where('client_id', '=', clientId).where('action', '=', 'record_admission').execute();
    expect(audit).toEqual([{ user_id: coordinator.user.id, outcome: 'allowed' }]);
  });

  it('resumes and starts the discharge pathway once, however often the discharge is matched or retried', async () => {
    const discharge = about('SLHJ_H', '0202502222');
    expect((await deliver(discharge)).outcome).toBe('rejected');
    const clientId = await personWithCircle('Holm', '0202502222');
    const messageId = await unmatchedId(discharge);
    // Two matches at once: one applies, the other hears it is matched already.
    const [a, b] = await Promise.all([match(messageId, '020250-2222'), match(messageId, '020250-2222')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await pathways(clientId)).toHaveLength(1);
    expect((await match(messageId, '020250-2222')).statusCode).toBe(409);
    expect(await pathways(clientId)).toHaveLength(1);
    expect((await timeline(clientId)).filter((e) => e.type === 'pathway_started')).toHaveLength(1);
  });

  it('finishes the effects on a retry when an earlier match could not apply them, and only then', async () => {
    const discharge = about('SLHJ_H', '0303503333');
    await deliver(discharge);
    const clientId = await personWithCircle('Berg', '0303503333');
    const messageId = await unmatchedId(discharge);
    // As an attempt whose effects failed leaves it: matched, the effects still pending.
    await t.db.updateTable('medcom_message').set({ client_id: clientId, late_effects: 'pending' }).where('id', '=', messageId).execute();
    expect(await pathways(clientId)).toHaveLength(0);
    // The inbox shows it matched and asks for the retry.
    expect(await listedEffects(messageId)).toBe('pending');
    const retried = await match(messageId, '030350-3333');
    expect(retried.json()).toEqual({ clientId, effects: 'applied' });
    expect(await listedEffects(messageId)).toBe('applied');
    expect(await pathways(clientId)).toHaveLength(1);
    expect((await match(messageId, '030350-3333')).statusCode).toBe(409);
    expect(await pathways(clientId)).toHaveLength(1);
  });

  it('does not pause the home tasks for an older admission matched after a newer discharge took effect', async () => {
    const admission = about('STIN_A', '0404504444');
    expect((await deliver(admission)).outcome).toBe('rejected');
    const clientId = await personWithCircle('Dahl', '0404504444');
    // The discharge (a week later by its own timestamp) names a person now known: applied on receipt.
    expect((await deliver(about('SLHJ_H', '0404504444'))).outcome).toBe('processed');
    expect(await pathways(clientId)).toHaveLength(1);
    const admissionId = await unmatchedId(admission);
    expect(await listedEffects(admissionId)).toBeNull();
    const matched = await match(admissionId, '040450-4444');
    expect(matched.json()).toEqual({ clientId, effects: 'superseded' });
    expect(await listedEffects(admissionId)).toBe('superseded');
    expect(await morningCarePaused(clientId)).toBe(false);
    expect((await timeline(clientId)).filter((e) => e.type === 'admitted')).toHaveLength(0);
    // Still matched and listed with the person, as any match.
    expect((await t.db.selectFrom('medcom_message').select('client_id').where('header_id', '=', admission.id as string).executeTakeFirstOrThrow()).client_id).toBe(clientId);
  });

  it('changes nothing for a notification that records only (start of leave)', async () => {
    const leave = about('STOR_F', '0505505555');
    expect((await deliver(leave)).outcome).toBe('rejected');
    const clientId = await personWithCircle('Krog', '0505505555');
    const before = await timeline(clientId);
    const matched = await match(await unmatchedId(leave), '050550-5555');
    expect(matched.json()).toEqual({ clientId, effects: 'none' });
    expect(await timeline(clientId)).toEqual(before);
    expect(await morningCarePaused(clientId)).toBe(false);
  });
});
