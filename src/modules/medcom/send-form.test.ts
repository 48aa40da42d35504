import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';
import { haveMedcomExamples, medcomExample } from '../../../test/support/medcom.js';
import { createWorld, validClient } from '../../../test/support/world.js';
import { createApiKey, setSorCode } from '../alliance/index.js';
import { asArray, Message, obj, sorOf, str } from './message.js';
import { violations } from './validate.js';

/** Issue 17 item 4: sending a CareCommunication from the screen — recipients by name, the person by CPR, replies in their thread. */
const HOME_SOR = '953741000016009';
const HOSPITAL_SOR = '265161000016000';
const MUNICIPALITY_SOR = '900000000000777';
const CC = 'carecommunication/examples/receive/';

let t: TestApp;
let world: CircleWorld;
let coordinator: Staff;
let dutch: Staff;
let gatewayKey: string;
let clientId: string;

interface Refusal {
  error: { code: string; fields?: { path: string; code: string }[]; details?: { violations: { rule: string }[] } };
}
type Sent = { id: string; kind: string; topic: string | null; peerSorCode: string | null; status: string; ackCode: string | null; client: { id: string; name: string } | null };

const message = (overrides: Record<string, unknown> = {}) => ({ recipientOrganisationId: world.hospital, category: 'nursing', topic: 'Besøg', text: 'Hjemmeplejen har besøgt borgeren.', authorRole: 'Sygeplejerske', contactPhone: '+4512345678', ...overrides });
const send = (body: Record<string, unknown>, client = clientId, session = coordinator.session) => session.post(`/api/medcom/clients/${client}/care-communications`, body);
const deliver = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/medcom/inbox', headers: { 'x-api-key': gatewayKey }, payload: body as object });
const collect = async () => (await t.app.inject({ method: 'POST', url: '/api/medcom/outbox/collect', headers: { 'x-api-key': gatewayKey } })).json<{ items: { kind: string; bundle: Record<string, unknown> }[] }>().items;
const outbox = async () => (await coordinator.session.get('/api/medcom/outbox')).json<{ items: Sent[] }>().items;
const communicationOf = (m: Message) => m.resolve(asArray(m.header?.focus)[0])!;

beforeAll(async () => {
  t = await startTestApp({ circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  await setSorCode(t.db, world.homeOrg, HOME_SOR);
  await setSorCode(t.db, world.hospital, HOSPITAL_SOR);
  await setSorCode(t.db, world.municipality, MUNICIPALITY_SOR);
  coordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'send-form-coord');
  gatewayKey = (await createApiKey(t.db, world.homeOrg, 'VANS gateway', true)).key;
  clientId = (await coordinator.session.post('/api/clients', validClient({ familyName: 'Elmer', cpr: '250947-9989' }))).json<{ id: string }>().id;
  const netherlands = await createWorld(t.db);
  dutch = await staffOf(t.app, t.db, t.deps.secretBox, netherlands.homeOrg, ['coordinator'], 'send-form-dutch');
});

describe('the recipients and the menu', () => {
  it("lists the acting alliance's partners with a SOR id by name, without the caller's own organisation", async () => {
    const listed = await coordinator.session.get('/api/medcom/recipients');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([
      { organisationId: world.hospital, name: 'Hospital', kind: 'hospital', sorCode: HOSPITAL_SOR },
      { organisationId: world.municipality, name: 'Municipality', kind: 'municipality', sorCode: MUNICIPALITY_SOR },
    ]);
  });

  it('answers 404 to staff of an alliance without MedCom, on every staff route, and refuses API keys', async () => {
    for (const url of ['/api/medcom/recipients', '/api/medcom/outbox', '/api/medcom/messages']) expect((await dutch.session.get(url)).statusCode, url).toBe(404);
    expect((await dutch.session.post('/api/medcom/people', { cpr: '250947-9989' })).statusCode).toBe(404);
    const theirs = (await dutch.session.post('/api/clients', validClient({ familyName: 'Jansen' }))).json<{ id: string }>().id;
    expect((await send(message(), theirs, dutch.session)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/medcom/recipients', headers: { 'x-api-key': gatewayKey } })).statusCode).toBe(403);
  });

  it('tells the web app whether the acting alliance uses MedCom', async () => {
    expect((await coordinator.session.get('/api/auth/me')).json<{ medcom: boolean }>().medcom).toBe(true);
    expect((await dutch.session.get('/api/auth/me')).json<{ medcom: boolean }>().medcom).toBe(false);
  });
});

describe('finding the person by CPR number', () => {
  it('finds a person the user may reach, and answers not found, audited, for one of another organisation without consent', async () => {
    const found = await coordinator.session.post('/api/medcom/people', { cpr: '250947-9989' });
    expect(found.json()).toEqual({ clientId, name: 'Jantje Elmer' });
    const partner = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'send-form-partner');
    const theirs = (await partner.session.post('/api/clients', validClient({ familyName: 'Holm', cpr: '010203-1234' }))).json<{ id: string }>().id;
    const refused = await coordinator.session.post('/api/medcom/people', { cpr: '010203-1234' });
    expect(refused.statusCode).toBe(404);
    expect((await coordinator.session.post('/api/medcom/people', { cpr: '311299-9999' })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['outcome']).where('client_id', '=', theirs).where('resource', '=', 'medcom_message').execute();
    expect(audit.map((a) => a.outcome)).toContain('refused');
    expect((await send(message(), theirs)).statusCode).toBe(404);
  });

  it('refuses what is no CPR number with 400 naming the field', async () => {
    const refused = await coordinator.session.post('/api/medcom/people', { cpr: 'Elmer' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Refusal>().error.fields?.map((f) => f.path)).toEqual(['body.cpr']);
  });
});

describe('sending from the form', () => {
  it('validates the Bundle against the profile before it leaves: category other without a topic is a 422 naming the rule, and nothing is queued', async () => {
    const before = (await outbox()).length;
    const refused = await send(message({ category: 'other', topic: undefined }));
    expect(refused.statusCode).toBe(422);
    const error = refused.json<Refusal>().error;
    expect(error.code).toBe('MESSAGE_INVALID');
    expect(error.details?.violations.map((v) => v.rule)).toEqual(['medcom-careCommunication-6']);
    expect(error.fields).toEqual([expect.objectContaining({ path: 'topic', code: 'medcom-careCommunication-6' })]);
    expect(await outbox()).toHaveLength(before);
  });

  it('refuses bad input with 400 and the fields to correct', async () => {
    const noRecipient = await send(message({ recipientOrganisationId: undefined, category: undefined }));
    expect(noRecipient.statusCode).toBe(400);
    expect(noRecipient.json<Refusal>().error.fields?.map((f) => f.path)).toEqual(['recipientOrganisationId', 'category']);
    const unknownCategory = await send(message({ category: 'treatment' }));
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json<Refusal>().error.fields?.map((f) => f.path)).toEqual(['body.category']);
    expect((await send(message({ text: '' }))).statusCode).toBe(400);
  });

  it('queues a valid message, shows it in the outbox with its acknowledgement state, audits it, and the Acknowledgement flips it', async () => {
    const sent = await send(message({ topic: 'Udskrivelse' }));
    expect(sent.statusCode, sent.body).toBe(201);
    const bundleId = sent.json<{ bundleId: string }>().bundleId;
    expect((await outbox())[0]).toMatchObject({ kind: 'care_communication', topic: 'Udskrivelse', peerSorCode: HOSPITAL_SOR, status: 'queued', ackCode: null, client: { id: clientId, name: 'Jantje Elmer' } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'outcome']).where('client_id', '=', clientId).where('action', '=', 'send_message').execute();
    expect(audit).toContainEqual({ action: 'send_message', outcome: 'allowed' });
    const queued = (await collect()).find((i) => i.bundle.id === bundleId)!;
    expect(violations(new Message(queued.bundle as never))).toEqual([]);
    expect((await outbox())[0]?.status).toBe('collected');

    const ack = medcomExample('acknowledgement/examples/testscripts/Binary-Ack-AA_A.json') as { entry: { resource: { response?: { identifier: string } } }[] };
    ack.entry[0]!.resource.response!.identifier = bundleId;
    expect((await deliver(ack)).statusCode).toBe(200);
    expect((await outbox()).find((m) => m.status === 'collected' && m.topic === 'Udskrivelse')?.ackCode).toBe('ok');
  });
});

describe.skipIf(!haveMedcomExamples)('replying to a received CareCommunication', () => {
  let received: string;
  let original: Message;

  beforeAll(async () => {
    const bundle = medcomExample(`${CC}Bundle-R-A-new-b10f940e-2000-4ec8-9e0b-a3fb60fc5bb5.json`);
    original = new Message(bundle as never);
    const receiver = original.receiver as unknown as { identifier: { system: string; value: string }[] };
    for (const identifier of receiver.identifier) if (identifier.system === 'urn:oid:1.2.208.176.1.1') identifier.value = HOME_SOR;
    expect((await deliver(bundle)).json<{ outcome: string }>().outcome).toBe('processed');
    const inbox = (await coordinator.session.get('/api/medcom/messages')).json<{ items: { id: string; kind: string }[] }>().items;
    received = inbox.find((m) => m.kind === 'care_communication')!.id;
    await collect();
  });

  it('answers in the thread: same communication identifier and topic, earlier segments kept, reply-message revising the answered header, to its sender', async () => {
    const sent = await send({ text: 'Tak, vi følger op i morgen.', authorRole: 'Sygeplejerske', contactPhone: '+4512345678', replyTo: received });
    expect(sent.statusCode, sent.body).toBe(201);
    const bundle = (await collect()).find((i) => i.bundle.id === sent.json<{ bundleId: string }>().bundleId)!.bundle;
    const reply = new Message(bundle as never);
    expect(violations(reply)).toEqual([]);
    const [was, now] = [communicationOf(original), communicationOf(reply)];
    expect(now.identifier).toEqual(was.identifier);
    expect(now.topic).toEqual({ text: 'Kritisk tilstand' });
    expect(now.category).toEqual(was.category);
    expect(asArray(now.payload)).toHaveLength(asArray(was.payload).length + 1);
    expect(asArray(now.payload).slice(0, -1)).toEqual(was.payload);
    expect(reply.activity).toBe('reply-message');
    const entities = asArray(reply.ownProvenance[0]?.entity).map(obj);
    expect(entities.find((e) => e.role === 'revision')?.what).toEqual({ reference: `MessageHeader/${original.header?.id}` });
    expect(sorOf(reply.receiver)).toBe(sorOf(original.sender));
    expect(str(reply.receiver?.name)).toBe(str(original.sender?.name));
    expect(reply.ofType('Provenance')).toHaveLength(2);
  });

  it('answers not found to a reply about another person than the received message', async () => {
    const other = (await coordinator.session.post('/api/clients', validClient({ familyName: 'Andersen', cpr: '300144-3459' }))).json<{ id: string }>().id;
    expect((await send({ text: 'Svar', authorRole: 'Sygeplejerske', contactPhone: '+4512345678', replyTo: received }, other)).statusCode).toBe(404);
  });
});
