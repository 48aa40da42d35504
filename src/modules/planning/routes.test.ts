import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../../../test/support/world.js';
import { insertionImpact } from './service.js';

let t: TestApp;
let world: World;
let coordinator: Session;
let homeCoordinator: Session;
const nurses: TestUser[] = [];
const NIGHT = '2027-03-27';
const clients: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db, { plannedVisits: true });
  const coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'plancoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
  homeCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'homeplan'));
  for (const [i, [lat, lon]] of [[52.78, 6.9], [52.72, 6.48]].entries()) {
    const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], `plannurse${i}`);
    // The DST night: the shift runs 22:00Z–05:00Z.
    await t.db.insertInto('nurse_duty').values({ alliance_id: world.allianceId, user_id: user.id, organisation_id: world.partnerOrg, starts_at: '2027-03-27T22:00:00Z', ends_at: '2027-03-28T05:00:00Z', skills: ['lifting'], latitude: lat, longitude: lon }).execute();
    nurses.push(user);
  }
  for (const [i, [lat, lon]] of [[52.79, 6.91], [52.73, 6.47], [52.76, 6.88], [52.71, 6.5]].entries()) {
    const id = (await homeCoordinator.post('/api/clients', validClient({ familyName: `Planned${i}`, latitude: lat, longitude: lon }))).json<{ id: string }>().id;
    clients.push(id);
  }
});

describe('night planning', () => {
  it('refuses a window outside the night shift and visits for clients of another organisation', async () => {
    const outside = await homeCoordinator.post('/api/planning/visits', { clientId: clients[0], night: NIGHT, task: 'Turn', windowStart: '12:00', windowEnd: '13:00', durationMinutes: 15 });
    expect(outside.statusCode).toBe(400);
    const foreign = await coordinator.post('/api/planning/visits', { clientId: clients[0], night: NIGHT, task: 'Turn', windowStart: '01:00', windowEnd: '02:00', durationMinutes: 15 });
    expect(foreign.statusCode).toBe(404);
  });

  it('plans the night, assigns every visit in its window, and gives the nurse access to the planned client only', async () => {
    const windows = [['23:30', '00:30'], ['00:00', '01:00'], ['01:30', '03:00'], ['04:00', '05:30']];
    for (const [i, [start, end]] of windows.entries()) {
      const response = await homeCoordinator.post('/api/planning/visits', { clientId: clients[i], night: NIGHT, task: 'Turning and toileting', windowStart: start, windowEnd: end, durationMinutes: 20 });
      expect(response.statusCode, JSON.stringify(response.json())).toBe(201);
    }
    const start = await coordinator.post(`/api/planning/nights/${NIGHT}/solve`, { timeLimitSeconds: 0.5 });
    expect(start.statusCode).toBe(202);
    const { runId } = start.json<{ runId: string }>();
    await expect.poll(async () => (await coordinator.get(`/api/planning/runs/${runId}`)).json<unknown>()).toMatchObject({ status: 'done', unassigned: 0 });
    const overview = (await coordinator.get(`/api/planning/nights/${NIGHT}`)).json<{ visits: { assignedUserId: string; plannedStart: string; windowStart: string; windowEnd: string; clientName: string; clientId: string }[] }>();
    expect(overview.visits).toHaveLength(4);
    for (const v of overview.visits) {
      expect(v.assignedUserId).not.toBeNull();
      expect(new Date(v.plannedStart) >= new Date(v.windowStart) && new Date(v.plannedStart) <= new Date(v.windowEnd)).toBe(true);
      expect(v.clientName).toMatch(/Planned/);
    }
    // The last Sunday of March 2027: 05:30 local is already summer time, 03:30Z.
    expect(new Date(overview.visits[3]!.windowEnd).toISOString()).toBe('2027-03-28T03:30:00.000Z');
    const nurseOf = (clientId: string) => nurses.find((n) => n.id === overview.visits.find((v) => v.clientId === clientId)?.assignedUserId)!;
    const nurse = await login(t.app, nurseOf(clients[0]!));
    expect((await nurse.get(`/api/clients/${clients[0]}/night-summary`)).statusCode).toBe(200);
    const notPlanned = clients.find((c) => nurseOf(c).id !== nurseOf(clients[0]!).id);
    if (notPlanned) expect((await nurse.get(`/api/clients/${notPlanned}/night-summary`)).statusCode).toBe(404);
  });

  it('tells for each nurse what an acute insertion does to the planned visits', async () => {
    const impact = await insertionImpact(t.db, world.allianceId, NIGHT, new Date('2027-03-27T22:20:00Z'), { latitude: 52.785, longitude: 6.9, deadline: new Date('2027-03-27T22:50:00Z'), serviceMinutes: 45, requiredSkills: [] });
    expect(impact.map((i) => i.userId).sort()).toEqual(nurses.map((n) => n.id).sort());
    const emmen = impact.find((i) => i.userId === nurses[0]!.id)!;
    const hoogeveen = impact.find((i) => i.userId === nurses[1]!.id)!;
    expect(emmen.arrivalMinutes).toBeLessThan(hoogeveen.arrivalMinutes);
  });

  it('puts the night plan on the nurse’s phone in route order, and lets her work each visit through to done', async () => {
    const overview = (await coordinator.get(`/api/planning/nights/${NIGHT}`)).json<{ visits: { id: string; assignedUserId: string; sequence: number; clientId: string }[] }>();
    const nurseUser = nurses.find((n) => overview.visits.some((v) => v.assignedUserId === n.id))!;
    const nurse = await login(t.app, nurseUser);
    const response = await nurse.get(`/api/planning/my-visits?night=${NIGHT}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{ items: { id: string; sequence: number; plannedStart: string; status: string; client: { id: string; name: string } | null }[] }>().items;
    const expected = overview.visits.filter((v) => v.assignedUserId === nurseUser.id).sort((a, b) => a.sequence - b.sequence);
    expect(items.map((v) => v.id)).toEqual(expected.map((v) => v.id));
    expect(items.every((v, i) => i === 0 || new Date(v.plannedStart) >= new Date(items[i - 1]!.plannedStart))).toBe(true);
    expect(items[0]?.status).toBe('planned');
    expect(items[0]?.client?.name).toMatch(/Planned/);

    const first = items[0]!;
    const step = (status: string, session: Session = nurse) => session.post(`/api/planning/visits/${first.id}/status`, { status });
    const other = await login(t.app, nurses.find((n) => n.id !== nurseUser.id)!);
    expect((await step('on_site', other)).statusCode).toBe(404);
    expect((await step('done')).statusCode).toBe(409);
    expect((await step('en_route')).statusCode).toBe(200);
    expect((await step('on_site')).statusCode).toBe(200);
    expect((await nurse.get(`/api/clients/${first.client!.id}/night-summary`)).statusCode).toBe(200);
    expect((await step('done')).statusCode).toBe(200);
    const after = (await nurse.get(`/api/planning/my-visits?night=${NIGHT}`)).json<{ items: { id: string; status: string; onSiteAt: string | null; doneAt: string | null; client: unknown }[] }>().items.find((v) => v.id === first.id)!;
    expect(after).toMatchObject({ status: 'done', client: null });
    expect(after.onSiteAt).not.toBeNull();
    // Done ends her access to the client, and each step is in the audit log.
    expect((await nurse.get(`/api/clients/${first.client!.id}/night-summary`)).statusCode).toBe(404);
    const audited = await t.db.selectFrom('audit_log').select('reason').where('resource', '=', 'planned_visit').where('action', '=', 'update').where('user_id', '=', nurseUser.id).orderBy('id').execute();
    expect(audited.map((a) => a.reason)).toEqual([`visit:${first.id} planned → en_route`, `visit:${first.id} en_route → on_site`, `visit:${first.id} on_site → done`]);
  });

  it('says why a visit could not be planned: no nurse on duty brings the skill it needs', async () => {
    const palliative = await homeCoordinator.post('/api/planning/visits', { clientId: clients[1], night: NIGHT, task: 'Palliative care', windowStart: '01:00', windowEnd: '02:00', durationMinutes: 30, requiredSkills: ['palliative'] });
    expect(palliative.statusCode).toBe(201);
    const { runId } = (await coordinator.post(`/api/planning/nights/${NIGHT}/solve`, { timeLimitSeconds: 0.3 })).json<{ runId: string }>();
    await expect.poll(async () => (await coordinator.get(`/api/planning/runs/${runId}`)).json<{ status: string }>().status).not.toBe('running');
    const visits = (await coordinator.get(`/api/planning/nights/${NIGHT}`)).json<{ visits: { task: string; assignedUserId: string | null; unplannedReason: string | null }[] }>().visits;
    expect(visits.find((v) => v.task === 'Palliative care')).toMatchObject({ assignedUserId: null, unplannedReason: 'no_nurse_with_skill:palliative' });
    expect(visits.filter((v) => v.task !== 'Palliative care').every((v) => v.unplannedReason === null)).toBe(true);
  });

  it('keeps the planner to night coordinators', async () => {
    expect((await homeCoordinator.get(`/api/planning/nights/${NIGHT}`)).statusCode).toBe(403);
  });
});
