import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createDb, type Db } from '../../platform/db/index.js';
import { login, sessionFor, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient } from '../../../test/support/world.js';

// A change must not hold its transaction's connection while it waits for another from the pool: on a
// pool of one connection such an edit waits for itself until the pool's wait runs out, and answers 503.

let t: TestApp;
let small: { app: FastifyInstance; db: Db };
let cookie: string;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false });
  const world = await createWorld(t.db);
  const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'editor'));
  cookie = coordinator.cookie;
  clientId = (await coordinator.post('/api/clients', validClient())).json<{ id: string }>().id;
  const { db } = createDb(t.deps.databaseUrl, 1);
  small = { app: await buildApp({ ...t.deps, db, readDb: db, logLevel: 'silent', nightcareSweeps: false, respite: { holdSweep: false } }), db };
});

afterAll(async () => {
  await small?.app.close();
  await small?.db.destroy();
});

describe('a client edit on a pool of one connection', () => {
  it('checks a new alarm account inside its own transaction and answers at once', async () => {
    const response = await sessionFor(small.app, cookie).patch(`/api/clients/${clientId}`, { alarmAccount: 'B00C0001' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ alarmAccount: string }>().alarmAccount).toBe('B00C0001');
  });
});
