import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { expireOffers, sweepOverdue } from '../../src/modules/nightcare/index.js';
import { createDb } from '../../src/platform/db/index.js';
import type { PlatformDeps } from '../../src/platform/deps.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createNightWorld, type NightWorld } from '../support/night-world.js';

// Two instances of the app on one PostgreSQL, in one process for speed: each has its own pool, its own
// LISTEN connection and its own sweeps, exactly what separates two servers (the failover test beside
// this one runs them as processes). Nothing else is shared between them.

let t: TestApp;
let night: NightWorld;
let a: PlatformDeps;
let b: PlatformDeps;
let appB: FastifyInstance;
let addressB: string;

beforeAll(async () => {
  // The test sweeps both instances itself; a timer sweep in between would take some of its lapsed offers.
  t = await startTestApp({ nightcareSweeps: false });
  night = await createNightWorld(t);
  a = t.deps;
  const { db } = createDb(t.deps.databaseUrl, 10);
  b = { ...t.deps, db, readDb: db };
  appB = await buildApp({ ...b, logLevel: 'silent', nightcareSweeps: false });
  addressB = await appB.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await appB?.close();
  await b?.db.destroy();
});

async function alarmAtA(account = 'ABCD0001'): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': night.alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account, reason: 'fall' } });
  expect(response.statusCode).toBe(202);
  return response.json<{ incidentId: string }>().incidentId;
}

describe('two instances on one PostgreSQL', () => {
  // Generous on a loaded CI machine: this proves the event crosses instances; its latency is a benchmark's to measure.
  it('shows an alarm taken by instance A on a board connected to instance B, live', async () => {
    const controller = new AbortController();
    const response = await fetch(`${addressB}/api/nightcare/stream`, { headers: { cookie: night.coordinator.cookie }, signal: controller.signal });
    expect(response.status).toBe(200);
    try {
      const reader = response.body!.getReader();
      let received = new TextDecoder().decode((await reader.read()).value);
      const sentAt = Date.now();
      const id = await alarmAtA();
      while (!received.includes(id) && Date.now() - sentAt < 15_000) {
        const next = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(r, 15_000 - (Date.now() - sentAt)))]);
        if (next?.value) received += new TextDecoder().decode(next.value);
      }
      expect(received).toContain(`"incidentId":"${id}"`);
    } finally {
      controller.abort();
    }
  });

  it('withdraws each lapsed offer once and raises each overdue alert once when both instances sweep at the same moment', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => alarmAtA()));
    await t.db
      .updateTable('incident')
      .set({ status: 'assigned', urgency: 'U1', assigned_user_id: night.nurse.user.id, offer_expires_at: new Date(Date.now() - 1000), received_at: new Date(Date.now() - 3600_000) })
      .where('id', 'in', ids)
      .execute();
    const sum = (counts: number[]) => counts.reduce((x, y) => x + y, 0);
    let expired = sum(await Promise.all([expireOffers(a), expireOffers(b), expireOffers(a), expireOffers(b)]));
    // The sweep skips a row another transaction holds (SKIP LOCKED) and leaves it to the next sweep: here
    // the intake's own dispatch step, which runs after the 202 and lags on a loaded machine, may still
    // hold one. So the instances sweep on until all are withdrawn; the total still counts each once.
    await expect.poll(async () => (expired += sum(await Promise.all([expireOffers(a), expireOffers(b)])))).toBe(ids.length);
    const now = new Date();
    const alerted = await Promise.all([sweepOverdue(a, now), sweepOverdue(b, now)]);
    expect(alerted.reduce((x, y) => x + y, 0)).toBe(ids.length);

    const events = await t.db.selectFrom('incident_event').select(['incident_id', 'type']).where('incident_id', 'in', ids).where('type', 'in', ['offer_expired', 'overdue_alert']).execute();
    for (const type of ['offer_expired', 'overdue_alert']) {
      const per = new Map<string, number>();
      for (const e of events.filter((e) => e.type === type)) per.set(e.incident_id, (per.get(e.incident_id) ?? 0) + 1);
      expect(ids.map((id) => per.get(id) ?? 0), type).toEqual(ids.map(() => 1));
    }
  });
});
