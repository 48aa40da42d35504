import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantAssignmentAccess, recordConsent, revokeAssignmentAccess } from '../../platform/access/index.js';
import { addTeamMember } from '../alliance/index.js';
import { signInCast } from '../../../test/support/cast.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, closeNightShift, createWorld, openNightShift, staffContext, validClient, type TestUser, type World } from '../../../test/support/world.js';

let t: TestApp;
let world: World;
let clientA: string;
let clientObjected: string;
const s: Record<string, Session> = {};
const users: Record<string, { id: string; organisationId: string }> = {};

async function auditCount(clientId: string) {
  const row = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A member of the alliance's night team, logged in. */
async function nightTeamMember(organisationId: string, role: 'nurse' | 'coordinator', label: string): Promise<{ user: TestUser; session: Session }> {
  const user = await addUser(t.db, t.deps.secretBox, organisationId, [role], label);
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId });
  return { user, session: await login(t.app, user) };
}

const assign = (who: string, clientId: string, reference = `incident:${who}:${clientId}`) =>
  grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId, userId: users[who]!.id, organisationId: users[who]!.organisationId, reference, expiresAt: new Date(Date.now() + 3600_000) });

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const cast = await signInCast(t, {
    homeAdmin: [world.homeOrg, ['organisation_admin']],
    homeCoordinator: [world.homeOrg, ['coordinator']],
    homeNurse: [world.homeOrg, ['nurse']],
    homeNetwork: [world.homeOrg, ['network_coordinator']],
    partnerNurse: [world.partnerOrg, ['nurse']],
    partnerCoordinator: [world.partnerOrg, ['coordinator']],
    outsiderNurse: [world.outsiderOrg, ['nurse']],
  });
  Object.assign(users, cast.users);
  Object.assign(s, cast.sessions);
  clientA = (await s.homeCoordinator!.post('/api/clients', validClient()).then((r) => r.json<{ id: string }>())).id;
  clientObjected = (await s.homeCoordinator!.post('/api/clients', validClient({ familyName: 'Objector' })).then((r) => r.json<{ id: string }>())).id;
  expect((await s.homeAdmin!.post(`/api/clients/${clientObjected}/objection`, { objected: true })).statusCode).toBe(200);
});

describe('night summary access matrix', () => {
  it('lets every client-data role of the home organisation read, objected or not', async () => {
    for (const who of ['homeAdmin', 'homeCoordinator', 'homeNurse']) {
      for (const clientId of [clientA, clientObjected]) {
        const response = await s[who]!.get(`/api/clients/${clientId}/night-summary`);
        expect(response.statusCode, `${who} on ${clientId}`).toBe(200);
        expect(response.json<{ accessBasis: string }>().accessBasis).toBe('own_organisation');
      }
    }
  });

  it('decides and logs each read on its own when reads of different staff share one batch', async () => {
    const who = ['homeNurse', 'partnerNurse', 'homeCoordinator', 'outsiderNurse', 'homeNetwork', 'homeAdmin'];
    const expected = [200, 404, 200, 404, 404, 200];
    const since = (await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
    // Fired together, these reads share the session, access-facts and audit statements of one event-loop turn.
    const responses = await Promise.all(who.map((name) => s[name]!.get(`/api/clients/${clientA}/night-summary`)));
    expect(responses.map((r) => r.statusCode)).toEqual(expected);
    const entries = await t.db.selectFrom('audit_log').select(['user_id', 'outcome', 'resource']).where('id', '>', since).where('client_id', '=', clientA).execute();
    expect(entries).toHaveLength(who.length);
    for (const [index, name] of who.entries()) {
      expect(entries.find((e) => e.user_id === users[name]!.id)).toEqual({ user_id: users[name]!.id, outcome: expected[index] === 200 ? 'allowed' : 'refused', resource: 'night_summary' });
    }
  });

  it('serves no client data when the audit entry of a read cannot be written', async () => {
    // The database refuses audit entries for reads: no read may escape the log, batched or not.
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_no_read_entries CHECK (action <> 'read') NOT VALID`.execute(t.db);
    try {
      const responses = await Promise.all(['homeNurse', 'homeCoordinator'].map((name) => s[name]!.get(`/api/clients/${clientA}`)));
      for (const response of responses) {
        expect(response.statusCode).toBe(500);
        expect(response.body).not.toContain('Bakker');
        expect(response.json()).toMatchObject({ error: { code: 'INTERNAL' } });
      }
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_no_read_entries`.execute(t.db);
    }
    expect((await s.homeNurse!.get(`/api/clients/${clientA}`)).statusCode).toBe(200);
  });

  it('refuses a network coordinator of the home organisation: that role holds no client data', async () => {
    expect((await s.homeNetwork!.get(`/api/clients/${clientA}/night-summary`)).statusCode).toBe(404);
  });

  it('refuses a nurse of another organisation without an assignment, exactly like an unknown client', async () => {
    const refused = await s.partnerNurse!.get(`/api/clients/${clientA}/night-summary`);
    const unknown = await s.partnerNurse!.get(`/api/clients/00000000-0000-4000-8000-000000000000/night-summary`);
    expect(refused.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(refused.json()).toEqual(unknown.json());
  });

  it('opens the night summary to the assigned nurse, and closes it when the assignment ends', async () => {
    await assign('partnerNurse', clientA, 'incident:matrix-1');
    const open = await s.partnerNurse!.get(`/api/clients/${clientA}/night-summary`);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ accessBasis: 'assignment', nightSummary: { allergies: 'Penicillin' }, hasKeySafe: true });
    expect(open.json()).not.toHaveProperty('keySafeCode');
    await revokeAssignmentAccess(t.db, 'incident:matrix-1');
    expect((await s.partnerNurse!.get(`/api/clients/${clientA}/night-summary`)).statusCode).toBe(404);
  });

  it('never shares an objected client with another organisation, even with an assignment', async () => {
    await assign('partnerNurse', clientObjected);
    expect((await s.partnerNurse!.get(`/api/clients/${clientObjected}/night-summary`)).statusCode).toBe(404);
    expect((await s.partnerNurse!.post(`/api/clients/${clientObjected}/emergency-access`, { reason: 'Client found on the floor, unresponsive' })).statusCode).toBe(404);
  });

  it('refuses an organisation without a data-sharing agreement even with an assignment', async () => {
    await assign('outsiderNurse', clientA);
    expect((await s.outsiderNurse!.get(`/api/clients/${clientA}/night-summary`)).statusCode).toBe(404);
  });

  it('keeps the full record with the home organisation even for an assigned nurse', async () => {
    await assign('partnerNurse', clientA);
    expect((await s.partnerNurse!.get(`/api/clients/${clientA}`)).statusCode).toBe(404);
    expect((await s.homeNurse!.get(`/api/clients/${clientA}`)).statusCode).toBe(200);
  });
});

describe('key safe', () => {
  it('reveals the code only on the explicit action during an active assignment, and logs it', async () => {
    await assign('partnerNurse', clientA, 'incident:keysafe');
    const before = await auditCount(clientA);
    const reveal = await s.partnerNurse!.post(`/api/clients/${clientA}/key-safe/reveal`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ code: '4321', location: 'Left of the front door' });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('client_id', '=', clientA).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'reveal', resource: 'key_safe', outcome: 'allowed', user_id: users.partnerNurse!.id, purpose: 'assignment' });
    expect(await auditCount(clientA)).toBe(before + 1);
    await revokeAssignmentAccess(t.db, 'incident:keysafe');
  });

  it('refuses the code to the home organisation without an assignment, and logs the refusal', async () => {
    const before = await auditCount(clientA);
    expect((await s.homeNurse!.post(`/api/clients/${clientA}/key-safe/reveal`)).statusCode).toBe(404);
    const refused = await t.db.selectFrom('audit_log').selectAll().where('client_id', '=', clientA).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(refused).toMatchObject({ action: 'reveal', resource: 'key_safe', outcome: 'refused', user_id: users.homeNurse!.id });
    expect(await auditCount(clientA)).toBe(before + 1);

    await assign('homeNurse', clientA, 'visit:home-keysafe');
    const reveal = await s.homeNurse!.post(`/api/clients/${clientA}/key-safe/reveal`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toMatchObject({ code: '4321' });
    await revokeAssignmentAccess(t.db, 'visit:home-keysafe');
    expect((await s.homeNurse!.post(`/api/clients/${clientA}/key-safe/reveal`)).statusCode).toBe(404);
  });

  it('refuses the key-safe code to a nurse with only emergency access', async () => {
    await openNightShift(t.db, world.allianceId);
    const { session } = await nightTeamMember(world.partnerOrg, 'nurse', 'glass');
    expect((await session.post(`/api/clients/${clientA}/emergency-access`, { reason: 'Alarm without assignment, client unresponsive' })).statusCode).toBe(201);
    expect((await session.get(`/api/clients/${clientA}/night-summary`)).json()).toMatchObject({ accessBasis: 'emergency' });
    expect((await session.post(`/api/clients/${clientA}/key-safe/reveal`)).statusCode).toBe(404);
  });
});

describe('break the glass', () => {
  it('requires a reason, grants the night summary, and queues the access for review by the home organisation', async () => {
    await openNightShift(t.db, world.allianceId);
    const { session } = await nightTeamMember(world.partnerOrg, 'nurse', 'btg');
    const noReason = await session.post(`/api/clients/${clientA}/emergency-access`, { reason: 'help' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toContain('reason');
    expect((await session.post(`/api/clients/${clientA}/emergency-access`, { reason: 'Fall alarm, no incident yet, client bleeding' })).statusCode).toBe(201);
    const queue = await s.homeAdmin!.get('/api/audit/emergency-reviews?status=pending');
    const item = queue.json<{ items: { id: string; userName: string; reason: string }[] }>().items.find((i) => i.reason.startsWith('Fall alarm'));
    expect(item).toBeDefined();
    expect((await s.homeAdmin!.post(`/api/audit/emergency-reviews/${item!.id}`, { verdict: 'justified' })).statusCode).toBe(200);
    expect((await s.homeAdmin!.post(`/api/audit/emergency-reviews/${item!.id}`, { verdict: 'justified' })).statusCode).toBe(409);
    // The partner organisation cannot review accesses to clients that are not its own.
    const partnerAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'padmin'));
    expect((await partnerAdmin.post(`/api/audit/emergency-reviews/${item!.id}`, { verdict: 'unjustified' })).statusCode).toBe(404);
  });
});

describe('break the glass is for those who give care at night', () => {
  const REASON = 'Alarm without assignment, client unresponsive';
  const lastEmergencyEntry = (userId: string, clientId = clientA) =>
    t.db.selectFrom('audit_log').select(['outcome', 'client_id']).where('action', '=', 'emergency_access').where('user_id', '=', userId).where('client_id', '=', clientId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

  it('opens the night summary to the night coordinator on duty', async () => {
    await openNightShift(t.db, world.allianceId);
    const { session } = await nightTeamMember(world.partnerOrg, 'coordinator', 'btgcoord');
    expect((await session.post(`/api/clients/${clientA}/emergency-access`, { reason: REASON })).statusCode).toBe(201);
    expect((await session.get(`/api/clients/${clientA}/night-summary`)).json()).toMatchObject({ accessBasis: 'emergency' });
  });

  it('refuses day coordinators, GP triagists and staff outside the night team like an unknown client, and logs the refusal', async () => {
    await openNightShift(t.db, world.allianceId);
    const refused = {
      dayCoordinator: await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'daycoord'),
      gpTriagist: await addUser(t.db, t.deps.secretBox, world.gpPost, ['coordinator'], 'gptriage'),
      partnerNurse: await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'daynurse'),
    };
    for (const [who, user] of Object.entries(refused)) {
      const session = await login(t.app, user);
      const response = await session.post(`/api/clients/${clientA}/emergency-access`, { reason: REASON });
      const unknown = await session.post('/api/clients/00000000-0000-4000-8000-000000000000/emergency-access', { reason: REASON });
      expect(response.statusCode, who).toBe(404);
      expect(response.json(), who).toEqual(unknown.json());
      expect((await session.get(`/api/clients/${clientA}/night-summary`)).statusCode, who).toBe(404);
      expect(await lastEmergencyEntry(user.id), who).toEqual({ outcome: 'refused', client_id: clientA });
    }
    const network = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['network_coordinator'], 'netcoord'));
    expect((await network.post(`/api/clients/${clientA}/emergency-access`, { reason: REASON })).statusCode).toBe(403);
  });

  it('refuses the night team outside the night shift', async () => {
    await closeNightShift(t.db, world.allianceId);
    for (const role of ['nurse', 'coordinator'] as const) {
      const { user, session } = await nightTeamMember(world.partnerOrg, role, `off${role}`);
      expect((await session.post(`/api/clients/${clientA}/emergency-access`, { reason: REASON })).statusCode, role).toBe(404);
      expect(await lastEmergencyEntry(user.id), role).toEqual({ outcome: 'refused', client_id: clientA });
    }
    await openNightShift(t.db, world.allianceId);
  });
});

describe('identification index', () => {
  it('lets only the night coordinator on duty find shared clients by alarm account, never objected ones', async () => {
    await openNightShift(t.db, world.allianceId);
    const record = (await s.homeNurse!.get(`/api/clients/${clientA}`)).json<{ alarmAccount: string; familyName: string }>();
    const url = `/api/nightcare/identification-index?alarmAccount=${record.alarmAccount}&callerPhone=0591123456`;
    expect((await s.partnerCoordinator!.get(url)).statusCode).toBe(403);
    const { session } = await nightTeamMember(world.partnerOrg, 'coordinator', 'indexcoord');
    const found = await session.get(url);
    expect(found.statusCode).toBe(200);
    const items = found.json<{ items: { id: string; ownOrganisation: boolean }[] }>().items;
    expect(items.map((i) => i.id)).toEqual([clientA]);
    expect(items[0]).not.toHaveProperty('nightSummary');
    const objected = await session.get('/api/nightcare/identification-index?familyName=Objector&dateOfBirth=1938-03-14&callerPhone=0591123456');
    expect(objected.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('keeps nurses to their own organisation when searching', async () => {
    expect((await s.partnerNurse!.get('/api/nightcare/identification-index?familyName=Bakker&dateOfBirth=1938-03-14&callerPhone=0591123456')).statusCode).toBe(403);
    expect((await s.partnerNurse!.get('/api/clients?scope=alliance&q=Bakker')).statusCode).toBe(400);
    expect((await s.partnerNurse!.get('/api/clients?q=Bakker')).json<{ items: unknown[] }>().items).toEqual([]);
  });
});

describe('explicit consent alliances', () => {
  it('shares nothing across organisations without a recorded consent', async () => {
    const consentWorld = await createWorld(t.db, { consentModel: 'explicit_consent' });
    const coordinatorUser = await addUser(t.db, t.deps.secretBox, consentWorld.homeOrg, ['coordinator'], 'cc');
    const coordinator = await login(t.app, coordinatorUser);
    const nurseUser = await addUser(t.db, t.deps.secretBox, consentWorld.partnerOrg, ['nurse'], 'cn');
    const nurse = await login(t.app, nurseUser);
    const id = (await coordinator.post('/api/clients', validClient()).then((r) => r.json<{ id: string }>())).id;
    await grantAssignmentAccess(t.db, { allianceId: consentWorld.allianceId, clientId: id, userId: nurseUser.id, organisationId: consentWorld.partnerOrg, reference: 'incident:consent', expiresAt: new Date(Date.now() + 3600_000) });
    expect((await nurse.get(`/api/clients/${id}/night-summary`)).statusCode).toBe(404);
    // A client-wide flag is no recorded consent: it names nobody and no scope.
    await t.db.updateTable('client').set({ consent_given_at: new Date() }).where('id', '=', id).execute();
    expect((await nurse.get(`/api/clients/${id}/night-summary`)).statusCode).toBe(404);
    // A consent for the partner's identification lets the assignment open the night summary; the key safe stays closed.
    await recordConsent(t.db, staffContext(coordinatorUser, ['coordinator'], consentWorld.allianceId), { clientId: id, granteeOrganisationId: consentWorld.partnerOrg, purpose: 'nightcare', levels: ['identification'], givenBy: 'the client', givenAt: new Date(Date.now() - 1000) });
    expect((await nurse.get(`/api/clients/${id}/night-summary`)).statusCode).toBe(200);
  });
});

describe('audit of every client read and write', () => {
  it('writes exactly one entry per read, allowed or refused', async () => {
    const cases: [string, string, 'allowed' | 'refused'][] = [
      ['homeNurse', `/api/clients/${clientA}`, 'allowed'],
      ['homeNurse', `/api/clients/${clientA}/night-summary`, 'allowed'],
      ['partnerNurse', `/api/clients/${clientA}`, 'refused'],
      ['homeNetwork', `/api/clients/${clientA}/night-summary`, 'refused'],
      ['homeAdmin', `/api/clients/${clientA}/audit`, 'allowed'],
    ];
    for (const [who, url, outcome] of cases) {
      const before = await auditCount(clientA);
      await s[who]!.get(url);
      expect(await auditCount(clientA), `${who} ${url}`).toBe(before + 1);
      const last = await t.db.selectFrom('audit_log').select(['outcome', 'user_id']).where('client_id', '=', clientA).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last).toEqual({ outcome, user_id: users[who]!.id });
    }
  });

  it('writes exactly one entry per change, in the same transaction', async () => {
    const before = await auditCount(clientA);
    const update = await s.homeCoordinator!.patch(`/api/clients/${clientA}`, { phone: '+31591123456' });
    expect(update.statusCode).toBe(200);
    // The update and the record read that answers it.
    const entries = await t.db.selectFrom('audit_log').select(['action', 'fields']).where('client_id', '=', clientA).where('id', '>', 0).orderBy('id', 'desc').limit(2).execute();
    expect(await auditCount(clientA)).toBe(before + 2);
    expect(entries.map((e) => e.action).sort()).toEqual(['read', 'update']);
    expect(entries.find((e) => e.action === 'update')?.fields).toEqual(['phone']);
  });
});
