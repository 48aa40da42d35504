import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../alliance/index.js';
import { proposalsFor } from '../nightcare/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from '../../../test/support/world.js';

// A winter night (no DST): the shift runs 22:00Z–06:00Z; the alarm comes in at 23:30 local.
const NIGHT = '2027-01-15';
const NOW = new Date('2027-01-15T22:30:00Z');

let t: TestApp;
let world: World;
let coordinator: Session;
let coordinatorUser: TestUser;
let nearNurse: TestUser;
let fartherNurse: TestUser;
let incidentId: string;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db, { plannedVisits: true });
  coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'impactcoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
  const home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'impacthome'));
  // Both nurses on duty that night, both able to lift (a fall needs it): one in Emmen, one in Klazienaveen about 9 km away.
  for (const [label, lat, lon] of [['near', 52.785, 6.897], ['farther', 52.725, 6.99]] as const) {
    const nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], `impact-${label}`);
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
    await t.db.insertInto('nurse_duty').values({ alliance_id: world.allianceId, user_id: nurse.id, organisation_id: world.partnerOrg, starts_at: '2027-01-15T22:00:00Z', ends_at: '2027-01-16T06:00:00Z', skills: ['lifting'], latitude: lat, longitude: lon }).execute();
    if (label === 'near') nearNurse = nurse;
    else fartherNurse = nurse;
  }
  // The near nurse's plan: a medication round in Emmen with a tight window at 23:40–23:45 local.
  const planned = (await home.post('/api/clients', validClient({ familyName: 'Gepland', latitude: 52.79, longitude: 6.9 }))).json<{ id: string }>().id;
  const visit = await home.post('/api/planning/visits', { clientId: planned, night: NIGHT, task: 'Insuline', windowStart: '23:40', windowEnd: '23:45', durationMinutes: 30 });
  expect(visit.statusCode).toBe(201);
  await t.db.updateTable('planned_visit').set({ assigned_user_id: nearNurse.id, sequence: 0, planned_start: '2027-01-15T22:40:00Z' }).where('id', '=', visit.json<{ id: string }>().id).execute();
  // The alarm: a fall in Emmen, next door to the near nurse.
  await home.post('/api/clients', validClient({ familyName: 'Val', alarmAccount: 'FA11', latitude: 52.786, longitude: 6.899 }));
  const alarmCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  const { key } = await createApiKey(t.db, alarmCentre, 'impact');
  const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': key, 'idempotency-key': 'impact-alarm-1' }, payload: { account: 'FA11', reason: 'fall' } });
  incidentId = alarm.json<{ incidentId: string }>().incidentId;
  expect((await coordinator.post(`/api/nightcare/incidents/${incidentId}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
  await t.db.updateTable('incident').set({ received_at: NOW }).where('id', '=', incidentId).execute();
});

describe('dispatch with tonight’s plan', () => {
  it('prefers the nurse whose planned visits stay on time over a nearer nurse whose round the alarm would break', async () => {
    const ctx = { actorKind: 'user' as const, actorId: coordinatorUser.id, actorName: 'impact coordinator', organisationId: world.partnerOrg, roles: ['coordinator' as const], allianceIds: [world.allianceId], allianceId: world.allianceId };
    const proposals = await proposalsFor(t.deps, ctx, incidentId, NOW);
    const near = proposals.find((p) => p.userId === nearNurse.id)!;
    const farther = proposals.find((p) => p.userId === fartherNurse.id)!;
    // Going now makes the insulin round (window until 23:45) late; going after it misses the U2 deadline.
    expect(near.lateVisits).toBe(1);
    expect(farther.lateVisits).toBe(0);
    // The proposal names the visit made late, its window and by how much.
    expect(near.late).toHaveLength(1);
    expect(near.late[0]!.windowEnd.toISOString()).toBe('2027-01-15T22:45:00.000Z');
    expect(near.late[0]!.lateMinutes).toBeGreaterThan(0);
    expect(farther.late).toEqual([]);
    expect(near.etaBasis).toBe('current_position');
    expect(near.etaMinutes!).toBeLessThan(farther.etaMinutes!);
    expect(farther.withinDeadline).toBe(true);
    expect(proposals[0]?.userId).toBe(fartherNurse.id);
  });
});
