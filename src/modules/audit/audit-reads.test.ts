import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, openNightShift, validClient, type World } from '../../../test/support/world.js';
import { addTeamMember, createApiKey } from '../alliance/index.js';

let t: TestApp;
let world: World;
let admin: Session;
let adminId: string;
let nurse: Session;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const adminUser = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'auditadmin');
  adminId = adminUser.id;
  admin = await login(t.app, adminUser);
  nurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'auditnurse'));
  const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'auditcoord'));
  clientId = (await coordinator.post('/api/clients', validClient({ familyName: 'Gezien' }))).json<{ id: string }>().id;
});

const entriesSince = (since: number) =>
  t.db.selectFrom('audit_log').select(['user_id', 'user_name', 'role', 'client_id', 'client_organisation_id', 'action', 'resource', 'outcome']).where('id', '>', since).orderBy('id').execute();
const lastId = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

describe('reading the audit log is itself audited', () => {
  it('logs an organisation administrator reading the audit log, naming each client shown', async () => {
    const since = await lastId();
    const response = await admin.get(`/api/audit?clientId=${clientId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    expect(await entriesSince(since)).toEqual([
      { user_id: adminId, user_name: expect.any(String) as string, role: 'organisation_admin', client_id: clientId, client_organisation_id: world.homeOrg, action: 'read', resource: 'audit_log', outcome: 'allowed' },
    ]);
  });

  it("names the organisation's own clients in the audit log, and only those", async () => {
    const items = (await admin.get(`/api/audit?clientId=${clientId}`)).json<{ items: { clientId: string | null; clientName?: string | null }[] }>().items;
    expect(items.filter((i) => i.clientId === clientId).every((i) => i.clientName === 'Jantje Gezien')).toBe(true);
    const partnerAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'partnerauditadmin'));
    const partnerItems = (await partnerAdmin.get(`/api/audit?clientId=${clientId}`)).json<{ items: { clientName?: string | null }[] }>().items;
    expect(partnerItems.every((i) => !i.clientName)).toBe(true);
  });

  it('logs a refused attempt to read the audit log by a role without the right', async () => {
    const since = await lastId();
    expect((await nurse.get('/api/audit')).statusCode).toBe(403);
    expect(await entriesSince(since)).toMatchObject([{ role: 'nurse', client_id: null, action: 'read', resource: '/api/audit', outcome: 'refused' }]);
  });

  it('logs reading the emergency-review queue with the client whose name it shows', async () => {
    // Break-the-glass is for the night team while the night shift runs.
    const glassUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'glass');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: glassUser.id, organisationId: world.partnerOrg });
    await openNightShift(t.db, world.allianceId);
    const partnerNurse = await login(t.app, glassUser);
    expect((await partnerNurse.post(`/api/clients/${clientId}/emergency-access`, { reason: 'Fall alarm, client unresponsive on the floor' })).statusCode).toBe(201);
    const since = await lastId();
    const queue = await admin.get('/api/audit/emergency-reviews');
    expect(queue.json<{ items: { clientName: string }[] }>().items.map((i) => i.clientName)).toContain('Jantje Gezien');
    expect(await entriesSince(since)).toMatchObject([{ user_id: adminId, client_id: clientId, client_organisation_id: world.homeOrg, action: 'read', resource: 'emergency_review', outcome: 'allowed' }]);
  });
});

describe('refusals at the role check', () => {
  it('audits an API key asking for a key-safe code: 403, and a refused entry with the role api_key', async () => {
    const { key } = await createApiKey(t.db, world.homeOrg, 'Alarm centre');
    const since = await lastId();
    const response = await t.app.inject({ method: 'POST', url: `/api/clients/${clientId}/key-safe/reveal`, headers: { 'x-api-key': key } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) as string } });
    expect(await entriesSince(since)).toMatchObject([
      { user_name: 'api-key:Alarm centre', role: 'api_key', client_id: clientId, client_organisation_id: world.homeOrg, action: 'change', resource: '/api/clients/:id/key-safe/reveal', outcome: 'refused' },
    ]);
  });

  it('names no client when the refused id is not a client', async () => {
    const { key } = await createApiKey(t.db, world.homeOrg, 'Other machine');
    const since = await lastId();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.app.inject({ method: 'POST', url: `/api/clients/${unknown}/key-safe/reveal`, headers: { 'x-api-key': key } })).statusCode).toBe(403);
    expect(await entriesSince(since)).toMatchObject([{ role: 'api_key', client_id: null, outcome: 'refused' }]);
  });
});
