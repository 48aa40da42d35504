import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';
import { haveMedcomExamples, medcomExample, MEDCOM_STANDARDS } from '../../../test/support/medcom.js';
import { validClient } from '../../../test/support/world.js';
import { createApiKey, setSorCode } from '../alliance/index.js';
import { Message } from './message.js';
import { violations } from './validate.js';

/** MedCom's test citizen Elmer (CPR 250947-9989) and receiver Plejecenter Herlev (SOR 953741000016009), as in the vendored examples. */
const RECEIVER_SOR = '953741000016009';
const HOSPITAL_SOR = '265161000016000';
const HN = 'hospitalnotification/examples/testscripts/HospitalNotification_Ex_';
const CC = 'carecommunication/examples/receive/';

let t: TestApp;
let world: CircleWorld;
let coordinator: Staff;
let gatewayKey: string;
let plainKey: string;
let clientId: string;

interface Receipt {
  outcome: string;
  acknowledgement: { entry: { resource: { resourceType: string; response?: { identifier: string; code: string }; issue?: { details: { text: string } }[] } }[] } | null;
}

const deliver = (body: unknown, key = gatewayKey) => t.app.inject({ method: 'POST', url: '/api/medcom/inbox', headers: { 'x-api-key': key }, payload: body as object });
const ackOf = (receipt: Receipt) => receipt.acknowledgement?.entry[0]?.resource.response;
const tasks = async () => (await coordinator.session.get(`/api/circles/${clientId}/tasks`)).json<{ items: { title: string; paused: boolean; place: string }[] }>().items;
const timeline = async () => (await coordinator.session.get(`/api/circles/${clientId}/timeline`)).json<{ items: { type: string; actor: string; details: Record<string, string> }[] }>().items;

/** An example re-addressed to our SOR id (the CareCommunication examples are addressed to other receivers). */
function addressedToUs(file: string): Record<string, unknown> {
  const bundle = medcomExample(file);
  const message = Message.from(bundle)!;
  const receiver = message.receiver as unknown as { identifier: { system: string; value: string }[] };
  for (const identifier of receiver.identifier) if (identifier.system === 'urn:oid:1.2.208.176.1.1') identifier.value = RECEIVER_SOR;
  return bundle as Record<string, unknown>;
}

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  await setSorCode(t.db, world.homeOrg, RECEIVER_SOR);
  await setSorCode(t.db, world.hospital, HOSPITAL_SOR);
  coordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'medcom-coord');
  gatewayKey = (await createApiKey(t.db, world.homeOrg, 'VANS gateway', true)).key;
  plainKey = (await createApiKey(t.db, world.homeOrg, 'Alarm centre')).key;
  const created = await coordinator.session.post('/api/clients', validClient({ familyName: 'Elmer', cpr: '250947-9989' }));
  clientId = created.json<{ id: string }>().id;
  expect((await coordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'self', name: 'Bruno Elmer', email: 'elmer@borger.example' }, consentGiven: true })).statusCode).toBe(201);
  const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() };
  expect((await coordinator.session.post(`/api/circles/${clientId}/tasks`, { title: 'Morning care', place: 'home', competence: null, ...window })).statusCode).toBe(201);
});

describe.skipIf(!haveMedcomExamples)(`MedCom messages over the gateway${haveMedcomExamples ? '' : ` (skipped: no ${MEDCOM_STANDARDS})`}`, () => {
  it('pauses home tasks on an admission (STIN_A), resumes them and starts the discharge pathway on discharge (SLHJ_H), each acknowledged ok', async () => {
    const admission = (await deliver(medcomExample(`${HN}STIN_A.json`))).json<Receipt>();
    expect(admission.outcome).toBe('processed');
    expect(ackOf(admission)).toEqual({ identifier: 'a5e5b880-c087-4055-b9ec-99108695f81d', code: 'ok' });
    expect(violations(Message.from(admission.acknowledgement)!)).toEqual([]);
    expect((await tasks()).find((task) => task.title === 'Morning care')?.paused).toBe(true);

    const discharge = (await deliver(medcomExample(`${HN}SLHJ_H.json`))).json<Receipt>();
    expect([discharge.outcome, ackOf(discharge)?.code]).toEqual(['processed', 'ok']);
    const after = await tasks();
    expect(after.find((task) => task.title === 'Morning care')?.paused).toBe(false);
    expect(after.map((task) => task.title)).toEqual(expect.arrayContaining(['home_care_visit', 'gp_follow_up', 'wmo_check']));
    expect((await timeline()).map((e) => e.type)).toEqual(expect.arrayContaining(['admitted', 'discharged', 'pathway_started']));
  });

  it('answers a duplicate delivery as before without applying it again (TEK_DUB twice)', async () => {
    const first = (await deliver(medcomExample(`${HN}TEK_DUB.json`))).json<Receipt>();
    const again = (await deliver(medcomExample(`${HN}TEK_DUB.json`))).json<Receipt>();
    expect([first.outcome, again.outcome, ackOf(again)?.code]).toEqual(['processed', 'duplicate', 'ok']);
    const admissions = (await timeline()).filter((e) => e.type === 'admitted');
    expect(admissions).toHaveLength(2);
  });

  it('answers the faulty notification (TEK_FCC) with a fatal-error Acknowledgement naming the broken rules, and changes nothing', async () => {
    const before = (await timeline()).length;
    const receipt = (await deliver(medcomExample(`${HN}TEK_FCC.json`))).json<Receipt>();
    expect([receipt.outcome, ackOf(receipt)?.code]).toEqual(['rejected', 'fatal-error']);
    const outcome = receipt.acknowledgement!.entry.find((e) => e.resource.resourceType === 'OperationOutcome')!.resource;
    expect(outcome.issue!.map((i) => i.details.text).join(' ')).toContain('MedComMessagingMessageHeader.eventCoding');
    expect(violations(Message.from(receipt.acknowledgement)!)).toEqual([]);
    expect(await timeline()).toHaveLength(before);
  });

  it('refuses a person who is no client of the receiving organisation (TEK_LOV) with a fatal-error Acknowledgement', async () => {
    const receipt = (await deliver(medcomExample(`${HN}TEK_LOV.json`))).json<Receipt>();
    expect([receipt.outcome, ackOf(receipt)?.code]).toEqual(['rejected', 'fatal-error']);
    const issues = receipt.acknowledgement!.entry.find((e) => e.resource.resourceType === 'OperationOutcome')!.resource.issue!;
    expect(issues[0]!.details.text).toContain('CPR');
  });

  it('puts a received CareCommunication on the person’s timeline and acknowledges it', async () => {
    const receipt = (await deliver(addressedToUs(`${CC}Bundle-R-A-new-b10f940e-2000-4ec8-9e0b-a3fb60fc5bb5.json`))).json<Receipt>();
    expect([receipt.outcome, ackOf(receipt)?.code]).toEqual(['processed', 'ok']);
    const message = (await timeline()).find((e) => e.type === 'message_received');
    expect(message?.details).toEqual(expect.objectContaining({ party: 'Klinik for Ældresygdomme, AUH, Skejby', topic: 'Kritisk tilstand' }));
  });

  it('refuses a message addressed to another organisation', async () => {
    const bundle = medcomExample(`${CC}Bundle-R-Tek-B-82875f08-4b9e-4a23-b81a-e23ec1251334.json`);
    const receipt = (await deliver(bundle)).json<Receipt>();
    expect([receipt.outcome, ackOf(receipt)?.code]).toEqual(['rejected', 'fatal-error']);
  });

  it('refuses anything that is no message Bundle with 400, and keys that are no gateway with 403', async () => {
    expect((await deliver({ resourceType: 'Patient' })).statusCode).toBe(400);
    expect((await deliver(medcomExample(`${HN}STIN_A.json`), plainKey)).statusCode).toBe(403);
    expect((await coordinator.session.post('/api/medcom/inbox', medcomExample(`${HN}STIN_A.json`))).statusCode).toBe(403);
  });

  it('records an Acknowledgement of one of our messages on that message', async () => {
    const sent = await coordinator.session.post(`/api/medcom/clients/${clientId}/care-communications`, { recipientOrganisationId: world.hospital, category: 'nursing', topic: 'Udskrivelse', text: 'Hjemmeplejen har besøgt borgeren.', authorRole: 'Sygeplejerske', contactPhone: '+4512345678' });
    expect(sent.statusCode).toBe(201);
    const bundleId = sent.json<{ bundleId: string }>().bundleId;
    const ack = medcomExample('acknowledgement/examples/testscripts/Binary-Ack-AA_A.json') as { entry: { resource: { resourceType: string; response?: { identifier: string }; identifier?: { system: string; value: string }[] } }[] };
    ack.entry[0]!.resource.response!.identifier = bundleId;
    expect((await deliver(ack)).json<Receipt>()).toEqual({ outcome: 'acknowledgement', acknowledgement: null });
    const log = (await coordinator.session.get(`/api/medcom/clients/${clientId}/messages`)).json<{ items: { kind: string; direction: string; ackCode: string | null }[] }>().items;
    expect(log.find((m) => m.direction === 'out' && m.kind === 'care_communication')?.ackCode).toBe('ok');
  });
});

describe('sending to partners', () => {
  it('sends a CareCommunication that passes our own validation, queues it for the gateway once, and audits the hand-over', async () => {
    const sent = await coordinator.session.post(`/api/medcom/clients/${clientId}/night-observations`, {
      recipientOrganisationId: world.hospital,
      observations: [{ at: '2026-12-05T02:10:00Z', what: 'Puls', value: '92/min' }, { at: '2026-12-05T02:12:00Z', what: 'Temperatur', value: '38,4 °C' }],
      authorRole: 'Akutsygeplejerske',
      contactPhone: '+4512345678',
    });
    expect(sent.statusCode).toBe(201);
    const collect = () => t.app.inject({ method: 'POST', url: '/api/medcom/outbox/collect', headers: { 'x-api-key': gatewayKey } });
    const items = (await collect()).json<{ items: { kind: string; bundle: unknown }[] }>().items;
    const observations = items.find((i) => i.kind === 'observations');
    expect(observations).toBeDefined();
    const message = Message.from(observations!.bundle)!;
    expect(violations(message)).toEqual([]);
    expect(JSON.stringify(message.bundle)).toContain('05-12-2026 03:10 Puls: 92/min');
    expect(message.cpr).toBe('2509479989');
    expect((await collect()).json<{ items: unknown[] }>().items).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'resource']).where('client_id', '=', clientId).where('resource', '=', 'medcom_message').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['send_message']));
  });

  it('refuses to send about a person to an organisation without a SOR id, and a person without CPR number', async () => {
    const body = { recipientOrganisationId: world.partnerOrg, category: 'nursing', topic: 'T', text: 'x', authorRole: 'R', contactPhone: '+4512345678' };
    expect((await coordinator.session.post(`/api/medcom/clients/${clientId}/care-communications`, body)).statusCode).toBe(404);
    const other = (await coordinator.session.post('/api/clients', validClient({ familyName: 'Utan' }))).json<{ id: string }>().id;
    const refused = await coordinator.session.post(`/api/medcom/clients/${other}/care-communications`, { ...body, recipientOrganisationId: world.hospital });
    expect(refused.statusCode).toBe(400);
  });
});

describe.skipIf(!haveMedcomExamples)('the staff inbox of received MedCom messages', () => {
  type Listed = { id: string; kind: string; event: string | null; status: string; ackCode: string | null; client: { id: string; name: string } | null };
  const listed = async (session = coordinator.session) => (await session.get('/api/medcom/messages')).json<{ items: Listed[] }>().items;

  it('lists received messages with their acknowledgement and person, and matches an unknown one by CPR as an audited change', async () => {
    // A notification about a person the organisation did not know yet (another CPR number): refused, kept without a person.
    const text = JSON.stringify(medcomExample(`${HN}STIN_A.json`)).replaceAll('2509479989', '0101401234');
    const bundle = JSON.parse(text.replace(/"id" *: *"([0-9a-f-]{36})"/, (_m, id: string) => `"id":"${id.slice(0, -4)}beef"`)) as Record<string, unknown>;
    expect((await deliver(bundle)).json<Receipt>().outcome).toBe('rejected');
    const unmatched = (await listed()).find((m) => m.client === null && m.kind === 'hospital_notification');
    expect(unmatched).toMatchObject({ status: 'rejected', ackCode: 'fatal-error', client: null });
    expect((await listed()).some((m) => m.client?.name.includes('Elmer'))).toBe(true);

    // Not a client of the organisation: not found; then the person is registered and matched.
    expect((await coordinator.session.post(`/api/medcom/messages/${unmatched!.id}/match`, { cpr: '010140-1234' })).statusCode).toBe(404);
    const created = await coordinator.session.post('/api/clients', validClient({ familyName: 'Nyborg', cpr: '010140-1234' }));
    expect(created.statusCode, created.body).toBe(201);
    const newClient = created.json<{ id: string }>().id;
    const matched = await coordinator.session.post(`/api/medcom/messages/${unmatched!.id}/match`, { cpr: '010140-1234' });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toEqual({ clientId: newClient, effects: 'applied' });
    expect((await listed()).find((m) => m.id === unmatched!.id)?.client?.name).toContain('Nyborg');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'resource', 'outcome']).where('client_id', '=', newClient).where('resource', '=', 'medcom_message').where('action', '=', 'update').executeTakeFirst();
    expect(audit).toMatchObject({ outcome: 'allowed' });
    expect((await coordinator.session.post(`/api/medcom/messages/${unmatched!.id}/match`, { cpr: '010140-1234' })).statusCode).toBe(409);
  });

  it("shows no other organisation's messages and lets no nurse match", async () => {
    const partner = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'medcom-partner');
    expect(await listed(partner.session)).toEqual([]);
    const nurse = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'medcom-nurse');
    expect((await nurse.session.get('/api/medcom/messages')).statusCode).toBe(403);
    const any = (await listed())[0]!;
    expect((await partner.session.post(`/api/medcom/messages/${any.id}/match`, { cpr: '250947-9989' })).statusCode).toBe(404);
  });
});
