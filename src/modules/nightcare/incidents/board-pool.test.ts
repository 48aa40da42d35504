import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { createDb, type Db } from '../../../platform/db/index.js';
import { sessionFor, startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

// A request that holds one pooled connection while it waits for another can, with enough of them at
// once, hold every connection and wait for ever (until the pool's wait runs out): bench:load's collapse
// at 350 requests/s and up. An app with two connections must still answer many board refreshes at once.

let t: TestApp;
let night: NightWorld;
let small: { app: FastifyInstance; db: Db };

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false });
  night = await createNightWorld(t);
  const client = await night.addClient(night.world.homeOrg);
  await night.runIncident(client.account, { open: true });
  const { db } = createDb(t.deps.databaseUrl, 2);
  small = { app: await buildApp({ ...t.deps, db, readDb: db, logLevel: 'silent', nightcareSweeps: false }), db };
});

afterAll(async () => {
  await small?.app.close();
  await small?.db.destroy();
});

describe('the board on a small pool', () => {
  it('answers twelve board refreshes fired together on a pool of two connections', async () => {
    const coordinator = sessionFor(small.app, night.coordinator.cookie);
    const responses = await Promise.all(Array.from({ length: 12 }, () => coordinator.get('/api/nightcare/incidents')));
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 12 }, () => 200));
    // Identified too: the identification's transaction ran beside the other statements.
    expect(responses[0]!.json<{ items: { client: unknown }[] }>().items.some((item) => item.client !== null)).toBe(true);
  });
});
