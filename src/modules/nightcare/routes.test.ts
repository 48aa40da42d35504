import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from '../../../test/support/world.js';
import { dispatchAutomatically, expireOffers } from './incidents/service.js';
import { LiveHub, type LiveEvent } from './live.js';

let t: TestApp;
let world: World;
let alarmKey: string;
let coordinator: Session;
const nurses: { user: TestUser; session: Session }[] = [];
let clientId: string;
const ACCOUNT = 'AB12CD';

const webhook = (body: Record<string, unknown>, key: string) =>
  t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': key }, payload: body });

async function incidentOf(id: string) {
  return (await coordinator.get(`/api/nightcare/incidents/${id}`)).json<{ incident: { status: string; assignedUserId: string | null; client: { familyName: string } | null }; events: { type: string }[]; report: unknown }>();
}

async function newIncident(key = crypto.randomUUID()) {
  const response = await webhook({ account: ACCOUNT, reason: 'fall' }, key);
  expect(response.statusCode).toBe(202);
  return response.json<{ incidentId: string }>().incidentId;
}

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const alarmCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(t.db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'nightcoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
  for (const [i, position] of [[52.78, 6.9], [52.72, 6.48]].entries()) {
    const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], `nightnurse${i}`);
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
    const session = await login(t.app, user);
    expect((await session.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
    // Duty starts at the next shift; for the test the shift is now.
    await t.db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', user.id).execute();
    expect((await session.post('/api/nightcare/position', { latitude: position[0], longitude: position[1] })).statusCode).toBe(200);
    nurses.push({ user, session });
  }
  const homeCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'homecoord'));
  clientId = (await homeCoordinator.post('/api/clients', validClient({ alarmAccount: ACCOUNT, familyName: 'Alarmklant' }))).json<{ id: string }>().id;
});

describe('alarm intake over the webhook', () => {
  it('stores an alarm once per Idempotency-Key and links it to the client by account', async () => {
    const first = await webhook({ account: ACCOUNT.toLowerCase(), reason: 'personal_emergency' }, 'retry-key-0001');
    const retry = await webhook({ account: ACCOUNT.toLowerCase(), reason: 'personal_emergency' }, 'retry-key-0001');
    expect(first.statusCode).toBe(202);
    expect(retry.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ duplicate: false, queue: 'night', clientLinked: true });
    expect(retry.json()).toMatchObject({ duplicate: true, incidentId: first.json<{ incidentId: string }>().incidentId });
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM alarm WHERE dedup_key LIKE '%retry-key-0001'`.execute(t.db);
    expect(Number(count.rows[0]?.n)).toBe(1);
    expect((await incidentOf(first.json<{ incidentId: string }>().incidentId)).incident.client?.familyName).toBe('Alarmklant');
  });

  it('turns an alarm from an unknown account into an unidentified incident, never dropping it', async () => {
    const response = await webhook({ account: 'FFFF99', reason: 'personal_emergency' }, 'unknown-account-1');
    expect(response.json()).toMatchObject({ queue: 'night', clientLinked: false });
    const detail = await incidentOf(response.json<{ incidentId: string }>().incidentId);
    expect(detail.incident).toMatchObject({ status: 'received', client: null });
  });

  it('sends low-battery and test signals to the technical queue, not to the night team', async () => {
    // Open boards hear of the technical queue changing (no incident), once on arrival and once when handled.
    const hub = new LiveHub(t.url);
    await hub.start();
    const events: LiveEvent[] = [];
    hub.subscribe(world.allianceId, (event) => events.push(event));
    const response = await webhook({ account: ACCOUNT, reason: 'low_battery' }, 'battery-0001');
    expect(response.json()).toMatchObject({ queue: 'technical', incidentId: null });
    const queue = (await coordinator.get('/api/nightcare/technical-alarms')).json<{ items: { id: string; reason: string; client: { familyName: string } | null }[] }>().items;
    const item = queue.find((a) => a.id === response.json<{ alarmId: string }>().alarmId);
    expect(item).toMatchObject({ reason: 'low_battery', client: { familyName: 'Alarmklant' } });
    expect((await coordinator.post(`/api/nightcare/technical-alarms/${item!.id}/handled`)).statusCode).toBe(200);
    expect((await coordinator.post(`/api/nightcare/technical-alarms/${item!.id}/handled`)).statusCode).toBe(404);
    await expect.poll(() => events.map((e) => e.type)).toEqual(['technical_alarm', 'technical_handled']);
    expect(events.every((e) => e.incidentId === null)).toBe(true);
    await hub.close();
  });

  it('lets the coordinator link an unidentified alarm to a client found in the identification index', async () => {
    const response = await webhook({ account: 'FFFF98', reason: 'personal_emergency' }, 'unknown-account-2');
    const id = response.json<{ incidentId: string }>().incidentId;
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/link-client`, { clientId })).statusCode).toBe(200);
    expect((await incidentOf(id)).incident.client?.familyName).toBe('Alarmklant');
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/link-client`, { clientId })).statusCode).toBe(409);
    await coordinator.post(`/api/nightcare/incidents/${id}/cancel`, { reason: 'false_alarm' });
  });

  it('shows the alarm account of an unidentified incident on the board and in the detail, and none once linked to a client', async () => {
    type BoardItem = { id: string; unidentified: boolean; alarmAccount: string | null };
    const onBoard = async (id: string) => (await coordinator.get('/api/nightcare/incidents')).json<{ items: BoardItem[] }>().items.find((i) => i.id === id);
    const id = (await webhook({ account: 'FFFF97', reason: 'personal_emergency' }, 'unknown-account-3')).json<{ incidentId: string }>().incidentId;
    expect(await onBoard(id)).toMatchObject({ unidentified: true, alarmAccount: 'FFFF97' });
    expect((await incidentOf(id)).incident).toMatchObject({ alarmAccount: 'FFFF97' });
    const known = await newIncident();
    expect(await onBoard(known)).toMatchObject({ unidentified: false, alarmAccount: null });
    const manual = (await coordinator.post('/api/nightcare/incidents', { reason: 'pain', callerName: 'Onbekende beller' })).json<{ incidentId: string }>().incidentId;
    expect(await onBoard(manual)).toMatchObject({ unidentified: true, alarmAccount: null });
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/link-client`, { clientId })).statusCode).toBe(200);
    expect(await onBoard(id)).toMatchObject({ unidentified: false, alarmAccount: null });
    for (const done of [id, known, manual]) await coordinator.post(`/api/nightcare/incidents/${done}/cancel`, { reason: 'false_alarm' });
  });

  it("keeps the caller's name and the note of a phone call entered by hand on the incident's first event", async () => {
    const response = await coordinator.post('/api/nightcare/incidents', { clientId, reason: 'breathlessness', callerName: 'Dochter Marieke', note: 'Sinds een uur benauwd' });
    expect(response.statusCode, response.body).toBe(201);
    const detail = (await coordinator.get(`/api/nightcare/incidents/${response.json<{ incidentId: string }>().incidentId}`)).json<{ events: { type: string; details: Record<string, unknown> }[] }>();
    expect(detail.events[0]).toMatchObject({ type: 'received', details: { source: 'manual', callerName: 'Dochter Marieke', note: 'Sinds een uur benauwd' } });

    const triaged = await coordinator.post('/api/nightcare/incidents', { clientId, reason: 'pain', urgency: 'U3', callerName: 'Buurman', note: 'Pijn in de borst' });
    const triagedDetail = (await coordinator.get(`/api/nightcare/incidents/${triaged.json<{ incidentId: string }>().incidentId}`)).json<{ incident: { triageNote: string | null }; events: { details: Record<string, unknown> }[] }>();
    expect(triagedDetail.incident.triageNote).toBe('Pijn in de borst');
    expect(triagedDetail.events[0]?.details).toMatchObject({ callerName: 'Buurman' });
    expect(triagedDetail.events[0]?.details).not.toHaveProperty('note');
  });

  it('refuses an alarm without an API key, or without an Idempotency-Key', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'idempotency-key': 'abcdefgh12' }, payload: { account: ACCOUNT, reason: 'fall' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey }, payload: { account: ACCOUNT, reason: 'fall' } })).statusCode).toBe(400);
    expect((await webhook({ account: 'not hex!', reason: 'fall' }, 'bad-account-1')).statusCode).toBe(400);
  });
});

describe('duty and positions', () => {
  it("shows a nurse her own duty with skills and last position, and the coordinator every nurse on duty", async () => {
    const [first, second] = nurses;
    const duty = (await first!.session.get('/api/nightcare/duty')).json<{ duty: { skills: string[]; latitude: number | null; longitude: number | null } | null }>().duty;
    expect(duty).toMatchObject({ skills: ['lifting'], latitude: 52.78, longitude: 6.9 });
    const list = await coordinator.get('/api/nightcare/nurses');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { userId: string; organisationId: string; latitude: number | null }[] }>().items;
    expect(items.map((n) => n.userId).sort()).toEqual([first!.user.id, second!.user.id].sort());
    expect(items.find((n) => n.userId === second!.user.id)).toMatchObject({ organisationId: world.partnerOrg, latitude: 52.72 });
  });

  it('keeps the list of nurses from nurses and from staff outside the night team', async () => {
    expect((await nurses[0]!.session.get('/api/nightcare/nurses')).statusCode).toBe(403);
    const outsider = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'daycoord'));
    expect([403, 404]).toContain((await outsider.get('/api/nightcare/nurses')).statusCode);
  });
});

describe('incident lifecycle and assignment access', () => {
  it('answers more proposal requests at once than the pool has connections, without holding up triage', async () => {
    const id = await newIncident();
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/triage`, { urgency: 'U3' })).statusCode).toBe(200);
    // The test app's pool has 10 connections: a proposal that held one while asking for more would hang here.
    const requests = Array.from({ length: 25 }, () => coordinator.get(`/api/nightcare/incidents/${id}/proposals`));
    const triage = coordinator.post(`/api/nightcare/incidents/${id}/triage`, { urgency: 'U2' });
    const answers = await Promise.all(requests);
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 25 }, () => 200));
    expect(answers.every((a) => a.json<{ items: unknown[] }>().items.length === nurses.length)).toBe(true);
    expect((await triage).statusCode).toBe(200);
    await coordinator.post(`/api/nightcare/incidents/${id}/cancel`, { reason: 'false_alarm' });
  }, 20_000);

  it('runs from alarm to completion; the nurse sees the night summary only while assigned', async () => {
    const id = await newIncident();
    const [nurse] = nurses;
    expect((await nurse!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/assign`, { userId: nurse!.user.id })).statusCode).toBe(409);
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/triage`, { urgency: 'U2', note: 'Fall, cannot get up' })).statusCode).toBe(200);
    const proposals = (await coordinator.get(`/api/nightcare/incidents/${id}/proposals`)).json<{ items: { userId: string; etaMinutes: number }[] }>().items;
    // The client lives in Emmen; the first nurse is parked there, the second in Hoogeveen.
    expect(proposals.map((p) => p.userId)).toEqual([nurses[0]!.user.id, nurses[1]!.user.id]);
    expect((await coordinator.post(`/api/nightcare/incidents/${id}/assign`, { userId: nurse!.user.id })).statusCode).toBe(200);
    expect((await nurse!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(200);
    expect((await nurses[1]!.session.post(`/api/nightcare/incidents/${id}/accept`)).statusCode).toBe(404);
    for (const step of ['accept', 'status:en_route', 'status:on_site']) {
      const [action, status] = step.split(':');
      const response = await nurse!.session.post(`/api/nightcare/incidents/${id}/${action}`, status ? { status } : undefined);
      expect(response.statusCode, step).toBe(200);
    }
    const mine = (await nurse!.session.get('/api/nightcare/my-incidents')).json<{ items: { id: string; status: string }[] }>().items;
    expect(mine.find((i) => i.id === id)?.status).toBe('on_site');
    expect((await nurse!.session.post(`/api/nightcare/incidents/${id}/complete`, { actions: ['Helped up'], minutesOnSite: 25, followUpNeeded: true })).statusCode).toBe(400);
    expect((await nurse!.session.post(`/api/nightcare/incidents/${id}/complete`, { actions: ['Helped up', 'Checked for injuries'], minutesOnSite: 25, minutesCorrectionReason: 'Tapped on site only when leaving', followUpNeeded: true, followUp: 'Physiotherapist to assess walking' })).statusCode).toBe(200);
    const detail = await incidentOf(id);
    expect(detail.incident.status).toBe('completed');
    expect(detail.events.map((e) => e.type)).toEqual(['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed']);
    expect(detail.report).toMatchObject({ minutesOnSite: 25, followUpNeeded: true });
    // Reading the report and the client's earlier alarms is a read of the client's data: the detail's audit entry names both.
    const entry = await t.db.selectFrom('audit_log').select(['action', 'resource', 'fields', 'outcome']).where('client_id', '=', clientId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'read', resource: 'incident', fields: ['identification', 'visit_report', 'alarm_history'], outcome: 'allowed' });
    expect((await nurse!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    expect((await nurse!.session.post(`/api/nightcare/incidents/${id}/status`, { status: 'on_site' })).statusCode).toBe(409);
  });

  it('moves a declined offer back and ends the nurse’s access', async () => {
    const id = await newIncident();
    await coordinator.post(`/api/nightcare/incidents/${id}/triage`, { urgency: 'U3' });
    await coordinator.post(`/api/nightcare/incidents/${id}/assign`, { userId: nurses[1]!.user.id });
    expect((await nurses[1]!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(200);
    expect((await nurses[1]!.session.post(`/api/nightcare/incidents/${id}/decline`)).statusCode).toBe(200);
    expect((await nurses[1]!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    const detail = await incidentOf(id);
    expect(detail.incident).toMatchObject({ status: 'triaged', assignedUserId: null });
    const proposals = (await coordinator.get(`/api/nightcare/incidents/${id}/proposals`)).json<{ items: { userId: string }[] }>().items;
    expect(proposals.map((p) => p.userId)).not.toContain(nurses[1]!.user.id);
    await coordinator.post(`/api/nightcare/incidents/${id}/cancel`, { reason: 'resolved_by_phone' });
  });

  it('passes an offer that lapses to the next nurse when the alliance dispatches automatically', async () => {
    await t.db.updateTable('alliance').set({ auto_dispatch_urgencies: ['U2'] }).where('id', '=', world.allianceId).execute();
    const id = await newIncident();
    // Automatic dispatch runs after the alarm's commit: wait for its offer rather than for a fixed time.
    await expect.poll(async () => (await incidentOf(id)).incident).toMatchObject({ status: 'assigned', assignedUserId: nurses[0]!.user.id });
    expect(await expireOffers(t.deps, new Date(Date.now() + 10 * 60_000))).toBeGreaterThanOrEqual(1);
    const second = await incidentOf(id);
    expect(second.incident).toMatchObject({ status: 'assigned', assignedUserId: nurses[1]!.user.id });
    expect(second.events.map((e) => e.type)).toContain('offer_expired');
    expect((await nurses[0]!.session.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    await t.db.updateTable('alliance').set({ auto_dispatch_urgencies: [] }).where('id', '=', world.allianceId).execute();
    await coordinator.post(`/api/nightcare/incidents/${id}/cancel`, { reason: 'false_alarm' });
  });

  it('never waits on an incident a coordinator holds when the alliance dispatches its urgency by hand', async () => {
    const id = await newIncident();
    // A coordinator's change holds the incident's row lock: dispatch must answer without queueing behind it.
    // A dispatch that took the lock first would hang here until the test times out.
    const decided = await t.db.transaction().execute(async (trx) => {
      await trx.selectFrom('incident').select('id').where('id', '=', id).forUpdate().execute();
      return dispatchAutomatically(t.deps, id);
    });
    expect(decided).toBe(false);
    expect((await incidentOf(id)).incident).toMatchObject({ status: 'received', assignedUserId: null });
    await coordinator.post(`/api/nightcare/incidents/${id}/cancel`, { reason: 'false_alarm' });
  });

  it('lets only night coordinators of the alliance see the board', async () => {
    const homeNurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'notteam'));
    expect((await homeNurse.get('/api/nightcare/incidents')).statusCode).toBe(403);
    // One incident: outside the night team an existing id answers exactly like an unknown one.
    const existing = await homeNurse.get(`/api/nightcare/incidents/${await newIncident()}`);
    const unknown = await homeNurse.get('/api/nightcare/incidents/00000000-0000-4000-8000-000000000000');
    expect(existing.statusCode).toBe(404);
    expect(existing.json()).toEqual(unknown.json());
    const board = (await coordinator.get('/api/nightcare/incidents')).json<{ items: { client: unknown }[] }>();
    expect(board.items.length).toBeGreaterThan(0);
  });

  it('audits every client on the board once per refresh, and a refused board identifies nobody', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'boardaudit');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
    const boardCoordinator = await login(t.app, user);
    const outsider = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'boardoutsider');
    await newIncident();
    const identifications = async (userId: string) =>
      Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('resource', '=', 'identification').executeTakeFirstOrThrow()).n);
    const board = (await boardCoordinator.get('/api/nightcare/incidents')).json<{ items: { client: { id: string } | null }[] }>();
    const shown = new Set(board.items.flatMap((i) => (i.client ? [i.client.id] : [])));
    expect(shown.has(clientId)).toBe(true);
    expect(await identifications(user.id)).toBe(shown.size);
    await boardCoordinator.get('/api/nightcare/incidents');
    expect(await identifications(user.id)).toBe(2 * shown.size);
    expect((await (await login(t.app, outsider)).get('/api/nightcare/incidents')).statusCode).toBe(403);
    expect(await identifications(outsider.id)).toBe(0);
  });
});

describe('live updates', () => {
  it('pushes a new alarm to an open board stream through LISTEN/NOTIFY', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/nightcare/stream`, { headers: { cookie: coordinator.cookie }, signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    await reader.read();
    const id = await newIncident();
    let received = '';
    const deadline = Date.now() + 5000;
    while (!received.includes(id) && Date.now() < deadline) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(received).toContain(`"incidentId":"${id}"`);
  });
});
