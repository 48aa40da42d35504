import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../alliance/index.js';
import { grantAssignmentAccess } from '../../platform/access/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../../../test/support/world.js';

// A winter night: the shift runs 22:00Z–06:00Z (23:00–07:00 local).
const NIGHT = '2027-01-20';

let t: TestApp;
let world: World;
let home: Session;
let homeNurse: Session;
let coordinator: Session;
let nurseUser: TestUser;
let clientId: string;
let clients = 0;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db, { plannedVisits: true });
  home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'edit-home'));
  homeNurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'edit-homenurse'));
  const coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'edit-coord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
  nurseUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'edit-nurse');
});

/** A visit for a client of its own, so one test's access grants never open another's client. */
const plan = async (task = 'Wisselligging') => {
  clientId = (await home.post('/api/clients', validClient({ familyName: `Bewerkt${++clients}`, latitude: 52.78, longitude: 6.9 }))).json<{ id: string }>().id;
  const response = await home.post('/api/planning/visits', { clientId, night: NIGHT, task, windowStart: '01:00', windowEnd: '02:00', durationMinutes: 20 });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
};
const row = (id: string) => t.db.selectFrom('planned_visit').selectAll().where('id', '=', id).executeTakeFirst();

/** The visit as the planner left it: assigned to the nurse, who can read the client's night summary. */
async function assign(id: string): Promise<Session> {
  await t.db.updateTable('planned_visit').set({ assigned_user_id: nurseUser.id, sequence: 0, planned_start: new Date('2027-01-21T00:10:00Z') }).where('id', '=', id).execute();
  await grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId, userId: nurseUser.id, organisationId: world.partnerOrg, reference: `visit:${id}`, expiresAt: new Date(Date.now() + 3600_000) });
  return login(t.app, nurseUser);
}

describe('planned visits are the alliance’s choice', () => {
  it('refuses to create or plan visits while the alliance has planned night visits off, with its own error code', async () => {
    const off = await createWorld(t.db);
    const offHome = await login(t.app, await addUser(t.db, t.deps.secretBox, off.homeOrg, ['coordinator'], 'off-home'));
    const offClient = (await offHome.post('/api/clients', validClient({ familyName: 'Uit', latitude: 52.7, longitude: 6.8 }))).json<{ id: string }>().id;
    const created = await offHome.post('/api/planning/visits', { clientId: offClient, night: NIGHT, task: 'Wisselligging', windowStart: '01:00', windowEnd: '02:00', durationMinutes: 20 });
    expect(created.statusCode).toBe(409);
    expect(created.json()).toMatchObject({ error: { code: 'PLANNED_VISITS_OFF', message: expect.stringMatching(/Planned night visits are off/) as unknown } });
    const offCoordinatorUser = await addUser(t.db, t.deps.secretBox, off.partnerOrg, ['coordinator'], 'off-coord');
    await addTeamMember(t.db, { allianceId: off.allianceId, teamName: 'Night team', userId: offCoordinatorUser.id, organisationId: off.partnerOrg });
    const solve = await (await login(t.app, offCoordinatorUser)).post(`/api/planning/nights/${NIGHT}/solve`, { timeLimitSeconds: 0.2 });
    expect(solve.statusCode).toBe(409);
    expect(solve.json()).toMatchObject({ error: { code: 'PLANNED_VISITS_OFF' } });
    expect(await t.db.selectFrom('planned_visit').select('id').where('alliance_id', '=', off.allianceId).execute()).toEqual([]);
    expect(await t.db.selectFrom('planning_run').select('id').where('alliance_id', '=', off.allianceId).execute()).toEqual([]);
  });
});

describe('editing and deleting planned visits', () => {
  it('changes task and priority in place and keeps the plan, audited', async () => {
    const id = await plan();
    await assign(id);
    const response = await home.patch(`/api/planning/visits/${id}`, { task: 'Wisselligging en drinken', priority: 3 });
    expect(response.statusCode, response.body).toBe(204);
    expect(await row(id)).toMatchObject({ task: 'Wisselligging en drinken', priority: 3, assigned_user_id: nurseUser.id });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'fields', 'reason', 'outcome']).where('resource', '=', 'planned_visit').where('reason', '=', `visit:${id}`).execute();
    expect(audit).toEqual([{ action: 'update', fields: ['task', 'priority'], reason: `visit:${id}`, outcome: 'allowed' }]);
  });

  it('moves the window within the night shift in local time, and takes the visit out of the plan and the nurse’s access', async () => {
    const id = await plan();
    const nurse = await assign(id);
    expect((await nurse.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(200);
    expect((await home.patch(`/api/planning/visits/${id}`, { windowStart: '03:00', windowEnd: '04:30' })).statusCode).toBe(204);
    const after = await row(id);
    expect(after?.window_start.toISOString()).toBe('2027-01-21T02:00:00.000Z');
    expect(after?.window_end.toISOString()).toBe('2027-01-21T03:30:00.000Z');
    expect(after).toMatchObject({ assigned_user_id: null, planned_start: null, sequence: null });
    expect((await nurse.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
  });

  it('refuses an invalid change: a window outside the shift, half a window, nothing to change, an unknown field', async () => {
    const id = await plan();
    const outside = await home.patch(`/api/planning/visits/${id}`, { windowStart: '12:00', windowEnd: '13:00' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json<{ error: { fields: { code: string }[] } }>().error.fields[0]?.code).toBe('outside_shift');
    const half = await home.patch(`/api/planning/visits/${id}`, { windowStart: '03:00' });
    expect(half.statusCode).toBe(400);
    expect(half.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('windowEnd');
    expect((await home.patch(`/api/planning/visits/${id}`, {})).statusCode).toBe(400);
    expect((await home.patch(`/api/planning/visits/${id}`, { clientId })).statusCode).toBe(400);
    expect((await home.patch(`/api/planning/visits/${id}`, { durationMinutes: 0 })).statusCode).toBe(400);
    expect(await row(id)).toMatchObject({ task: 'Wisselligging', duration_minutes: 20 });
  });

  it('lets only the home organisation’s coordinators and administrators change or delete; others are told it does not exist', async () => {
    const id = await plan();
    expect((await coordinator.patch(`/api/planning/visits/${id}`, { task: 'Overgenomen' })).statusCode).toBe(404);
    expect((await coordinator.delete(`/api/planning/visits/${id}`)).statusCode).toBe(404);
    expect((await homeNurse.patch(`/api/planning/visits/${id}`, { task: 'Overgenomen' })).statusCode).toBe(404);
    expect((await homeNurse.delete(`/api/planning/visits/${id}`)).statusCode).toBe(404);
    expect((await home.patch(`/api/planning/visits/${crypto.randomUUID()}`, { task: 'Niets' })).statusCode).toBe(404);
    expect(await row(id)).toMatchObject({ task: 'Wisselligging' });
    const refused = await t.db.selectFrom('audit_log').select('outcome').where('resource', '=', 'planned_visit').where('reason', '=', `visit:${id}`).execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((r) => r.outcome !== 'allowed')).toBe(true);
  });

  it('refuses to change or delete a visit once the nurse has started it', async () => {
    const id = await plan();
    const nurse = await assign(id);
    expect((await nurse.post(`/api/planning/visits/${id}/status`, { status: 'en_route' })).statusCode).toBe(200);
    const edit = await home.patch(`/api/planning/visits/${id}`, { task: 'Te laat' });
    expect(edit.statusCode).toBe(409);
    expect((await home.delete(`/api/planning/visits/${id}`)).statusCode).toBe(409);
    expect(await row(id)).toMatchObject({ task: 'Wisselligging', status: 'en_route' });
  });

  it('deletes a visit that has not started, ends the nurse’s access to the client, and audits it', async () => {
    const id = await plan();
    const nurse = await assign(id);
    const response = await home.delete(`/api/planning/visits/${id}`);
    expect(response.statusCode, response.body).toBe(204);
    expect(await row(id)).toBeUndefined();
    expect((await nurse.get(`/api/clients/${clientId}/night-summary`)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'outcome']).where('resource', '=', 'planned_visit').where('reason', '=', `visit:${id}`).execute();
    expect(audit).toEqual([{ action: 'delete', outcome: 'allowed' }]);
    expect((await home.delete(`/api/planning/visits/${id}`)).statusCode).toBe(404);
  });
});
