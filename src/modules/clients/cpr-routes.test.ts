import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';

let t: TestApp;
let world: World;
let coordinator: Session;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'cpr'));
});

describe('the client CPR number', () => {
  it('keeps the full number in the record and shows only DDMMYY-xxxx in the list', async () => {
    const created = await coordinator.post('/api/clients', validClient({ familyName: 'Elmer', cpr: '2509479989' }));
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await coordinator.get(`/api/clients/${id}`)).json<{ cpr: string }>().cpr).toBe('250947-9989');
    const list = await coordinator.get('/api/clients?q=Elmer');
    expect(list.body).not.toContain('9989');
    expect(list.json<{ items: { id: string; cprMasked: string | null }[] }>().items).toEqual([expect.objectContaining({ id, cprMasked: '250947-xxxx' })]);
  });

  it('refuses a malformed number or an impossible date with 400 on the cpr field', async () => {
    for (const cpr of ['250947-998', '310447-1234', '290200-0000']) {
      const response = await coordinator.post('/api/clients', validClient({ cpr }));
      expect(response.statusCode, cpr).toBe(400);
      expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual(['body.cpr']);
    }
  });

  it('refuses a second client with the same number in the alliance with 409, and clears it with null', async () => {
    const first = (await coordinator.post('/api/clients', validClient({ familyName: 'Hansen', cpr: '210300-9996' }))).json<{ id: string }>().id;
    expect((await coordinator.post('/api/clients', validClient({ cpr: '210300-9996' }))).statusCode).toBe(409);
    expect((await coordinator.patch(`/api/clients/${first}`, { cpr: null })).statusCode).toBe(200);
    expect((await coordinator.get(`/api/clients/${first}`)).json<{ cpr: string | null }>().cpr).toBeNull();
    expect((await coordinator.post('/api/clients', validClient({ cpr: '210300-9996' }))).statusCode).toBe(201);
  });
});
