import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startAlarmReceiver } from '../../src/modules/nightcare/index.js';
import { createDb } from '../../src/platform/db/index.js';
import { readiness } from '../../src/platform/health/index.js';
import { freePort } from '../../src/platform/net/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createWorld } from '../support/world.js';

let t: TestApp;
const apps: FastifyInstance[] = [];

/** The real app on the test database, with the readiness checks main.ts would add. */
async function appWith(options: { readinessChecks?: { name: string; check: () => boolean }[]; db?: TestApp['db'] } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ ...t.deps, ...(options.db && { db: options.db }), logLevel: 'silent', ...(options.readinessChecks && { readinessChecks: options.readinessChecks }) });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  for (const app of apps) await app.close();
});

describe('health endpoints', () => {
  it('answers liveness without a login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'up' });
  });

  it('is ready only while the database answers and the DC-09 listener is bound', async () => {
    const world = await createWorld(t.db);
    const receiver = await startAlarmReceiver(t.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 100, dispatch: false });
    const app = await appWith({ readinessChecks: [{ name: 'dc09', check: () => receiver.listening }] });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    // Names and states only: nothing about clients, hosts or errors.
    expect(ready.json()).toEqual({ status: 'up', checks: { database: 'up', dc09: 'up' } });
    expect(ready.headers['cache-control']).toBe('no-store');

    await receiver.close();
    const closed = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(closed.statusCode).toBe(503);
    expect(closed.json()).toEqual({ status: 'down', checks: { database: 'up', dc09: 'down' } });
  });

  it('answers 503 naming the database when it does not answer', async () => {
    const { db: unreachable } = createDb(`postgres://nobody@127.0.0.1:${await freePort()}/none`, 1);
    const app = await appWith({ db: unreachable, readinessChecks: [{ name: 'dc09', check: () => true }] });
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'down', checks: { database: 'down', dc09: 'up' } });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    await unreachable.destroy();
  });
});

describe('readiness checks', () => {
  it('counts a check that hangs past its timeout as down, without waiting for it', async () => {
    const started = Date.now();
    const result = await readiness([{ name: 'slow', check: () => new Promise<boolean>(() => undefined) }, { name: 'fine', check: () => true }], 50);
    expect(result).toEqual({ ready: false, checks: { slow: 'down', fine: 'up' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts a check that throws as down', async () => {
    const result = await readiness([{ name: 'broken', check: () => Promise.reject(new Error('secret detail')) }]);
    expect(result).toEqual({ ready: false, checks: { broken: 'down' } });
  });
});
