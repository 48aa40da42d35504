import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDb } from '../../src/platform/db/index.js';
import type { PlatformDeps } from '../../src/platform/deps.js';
import { login, sessionFor, startTestApp, type TestApp } from '../support/app.js';
import { addUser, createWorld, validClient, type World } from '../support/world.js';

// Each instance keeps the session contexts of recent requests (platform/auth/session-cache.ts). A
// logout, a revoked session or a removed role must still hold on the very next request, on any
// instance. Two instances in one process, each with its own pool and LISTEN connection, as in
// two-instances.test.ts.

let t: TestApp;
let world: World;
let b: PlatformDeps;
let appB: FastifyInstance;
let addressB: string;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const { db } = createDb(t.deps.databaseUrl, 5);
  b = { ...t.deps, db, readDb: db };
  appB = await buildApp({ ...b, logLevel: 'silent', nightcareSweeps: false });
  addressB = await appB.listen({ port: 0, host: '127.0.0.1' });
  const registrar = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  clientId = (await registrar.post('/api/clients', validClient())).json<{ id: string }>().id;
});

afterAll(async () => {
  await appB?.close();
  await b?.db.destroy();
});

/** A record read at instance B over HTTP, twice first so that B keeps the session. */
async function readAtB(cookie: string): Promise<number> {
  const response = await fetch(`${addressB}/api/clients/${clientId}`, { headers: { cookie } });
  await response.text();
  return response.status;
}

describe('session contexts kept per instance', () => {
  it('refuses the next request at instance B after a logout at instance A', async () => {
    const nurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'logout'));
    expect([await readAtB(nurse.cookie), await readAtB(nurse.cookie)]).toEqual([200, 200]);
    expect((await nurse.post('/api/auth/logout')).statusCode).toBe(200);
    expect(await readAtB(nurse.cookie)).toBe(401);
    // And on A itself, with the cookie replayed.
    expect((await nurse.get(`/api/clients/${clientId}`)).statusCode).toBe(401);
  });

  it('refuses the next request at instance B after a logout everywhere at instance A', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'everywhere');
    const phone = await login(t.app, user);
    const desk = await login(t.app, user);
    expect([await readAtB(desk.cookie), await readAtB(desk.cookie)]).toEqual([200, 200]);
    expect((await phone.post('/api/auth/logout-everywhere')).statusCode).toBe(200);
    expect(await readAtB(desk.cookie)).toBe(401);
  });

  it('refuses at once at instance B when a role is removed', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'demoted');
    const nurse = await login(t.app, user);
    expect([await readAtB(nurse.cookie), await readAtB(nurse.cookie)]).toEqual([200, 200]);
    // Straight in the database, as an operator would: no instance is told but by the database itself.
    await t.db.deleteFrom('staff_role').where('user_id', '=', user.id).execute();
    expect(await readAtB(nurse.cookie)).toBe(401);
  });

  it('acts in the alliance a session switched to at instance A on its next request at instance B', async () => {
    const second = await createWorld(t.db);
    await t.db.insertInto('alliance_membership').values({ alliance_id: second.allianceId, organisation_id: world.homeOrg }).execute();
    const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'switcher'));
    const atB = sessionFor(appB, coordinator.cookie);
    const acting = async () => (await atB.get('/api/auth/me')).json<{ activeAllianceId: string | null }>().activeAllianceId;
    expect((await coordinator.post('/api/auth/alliance', { allianceId: world.allianceId })).statusCode).toBe(200);
    expect([await acting(), await acting()]).toEqual([world.allianceId, world.allianceId]);
    expect((await coordinator.post('/api/auth/alliance', { allianceId: second.allianceId })).statusCode).toBe(200);
    expect(await acting()).toBe(second.allianceId);
  });
});
