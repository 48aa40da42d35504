import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';

/** Issue 16 items 3 and 5: the planner's run rests on the alliance's OSRM server when it answers, and can be stopped. */

const NIGHT = '2027-03-27';

/** A fake OSRM that answers the table service as documented: every leg 10 minutes and 5 km; it records each request. */
function startFakeOsrm(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const coords = decodeURIComponent((req.url ?? '').split('/')[4]?.split('?')[0] ?? '').split(';');
    const n = coords.length;
    const grid = (value: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : value)));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 'Ok', durations: grid(600), distances: grid(5000) }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

/** A port nothing listens on: OSRM configured but down. */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

interface Run {
  status: string;
  roads: string;
  roadsWarning: string | null;
  stoppedEarly: boolean;
  stopRequested: boolean;
  elapsedMs: number;
  timeLimitMs: number;
  travelMinutes: number | null;
}

async function nightWith(t: TestApp, label: string): Promise<{ world: World; coordinator: Session }> {
  const world = await createWorld(t.db);
  const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], `${label}-coord`);
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
  // Planned night visits are an alliance setting, off by default (the announced team is for unplanned care).
  await t.db.updateTable('alliance').set({ planned_visits_enabled: true }).where('id', '=', world.allianceId).execute();
  const home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], `${label}-home`));
  for (const [i, [lat, lon]] of [[52.78, 6.9], [52.72, 6.48]].entries()) {
    const nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], `${label}-nurse${i}`);
    await t.db.insertInto('nurse_duty').values({ alliance_id: world.allianceId, user_id: nurse.id, organisation_id: world.partnerOrg, starts_at: '2027-03-27T22:00:00Z', ends_at: '2027-03-28T05:00:00Z', skills: ['lifting'], latitude: lat, longitude: lon }).execute();
  }
  for (const [i, [lat, lon]] of [[52.79, 6.91], [52.73, 6.47], [52.76, 6.88]].entries()) {
    const clientId = (await home.post('/api/clients', validClient({ familyName: `${label}${i}`, latitude: lat, longitude: lon }))).json<{ id: string }>().id;
    const visit = await home.post('/api/planning/visits', { clientId, night: NIGHT, task: 'Turning', windowStart: '23:30', windowEnd: '04:30', durationMinutes: 20 });
    expect(visit.statusCode, visit.body).toBe(201);
  }
  return { world, coordinator: await login(t.app, user) };
}

async function finished(coordinator: Session, runId: string, waitMs = 20_000): Promise<Run> {
  const until = Date.now() + waitMs;
  for (;;) {
    const run = (await coordinator.get(`/api/planning/runs/${runId}`)).json<Run>();
    if (run.status !== 'running' || Date.now() > until) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const solve = async (coordinator: Session, seconds: number) => {
  const start = await coordinator.post(`/api/planning/nights/${NIGHT}/solve`, { timeLimitSeconds: seconds });
  expect(start.statusCode).toBe(202);
  return start.json<{ runId: string }>().runId;
};

describe('the planner on real roads', () => {
  let osrm: Awaited<ReturnType<typeof startFakeOsrm>>;
  let t: TestApp;
  beforeAll(async () => {
    osrm = await startFakeOsrm();
    t = await startTestApp({ planning: { osrm: { baseUrl: osrm.url, profile: 'driving', maxTableSize: 100 } } });
  });
  afterAll(() => osrm.close());

  it("plans on the OSRM server's travel times when it answers, and says so", async () => {
    const { coordinator } = await nightWith(t, 'Osrm');
    const run = await finished(coordinator, await solve(coordinator, 0.5));
    expect(run).toMatchObject({ status: 'done', roads: 'osrm', roadsWarning: null });
    // 2 nurses' starts + 3 visits, one table request with the profile and both annotations.
    expect(osrm.requests).toHaveLength(1);
    expect(osrm.requests[0]).toMatch(/^\/table\/v1\/driving\/[-0-9.,;]+\?annotations=duration,distance$/);
    expect(osrm.requests[0]!.split('/')[4]!.split('?')[0]!.split(';')).toHaveLength(5);
    // Every leg is 10 minutes on these roads: 3 visits need at least 3 legs out and the way home.
    expect(run.travelMinutes).toBeGreaterThanOrEqual(40);
    expect(run.travelMinutes! % 10).toBe(0);
  });
});

describe('the planner when OSRM does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ planning: { osrm: { baseUrl: await closedPort(), profile: 'driving', maxTableSize: 100, timeoutMs: 2000 } } });
  });

  it('still plans the night, on the offline estimate, with the reason for the page', async () => {
    const { coordinator } = await nightWith(t, 'Down');
    const run = await finished(coordinator, await solve(coordinator, 0.5));
    expect(run).toMatchObject({ status: 'done', roads: 'estimate' });
    expect(run.roadsWarning).toMatch(/fetch failed|ECONNREFUSED/);
  });
});

describe('stopping a run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });

  it('ends a 60-second run within seconds of the stop, keeping the best plan so far; a finished run cannot be stopped', async () => {
    const { coordinator } = await nightWith(t, 'Stop');
    const runId = await solve(coordinator, 60);
    await new Promise((r) => setTimeout(r, 500));
    const stop = await coordinator.post(`/api/planning/runs/${runId}/stop`);
    expect(stop.statusCode).toBe(202);
    const run = await finished(coordinator, runId, 10_000);
    expect(run).toMatchObject({ status: 'done', stoppedEarly: true, stopRequested: true, roads: 'estimate', roadsWarning: null });
    expect(run.elapsedMs).toBeLessThan(10_000);
    const overview = (await coordinator.get(`/api/planning/nights/${NIGHT}`)).json<{ visits: { assignedUserId: string | null }[] }>();
    expect(overview.visits.every((v) => v.assignedUserId !== null)).toBe(true);
    expect((await coordinator.post(`/api/planning/runs/${runId}/stop`)).statusCode).toBe(409);
  });

  it("refuses to stop another alliance's run as if it did not exist", async () => {
    const { coordinator } = await nightWith(t, 'Mine');
    const { coordinator: stranger } = await nightWith(t, 'Theirs');
    const runId = await solve(coordinator, 2);
    expect((await stranger.post(`/api/planning/runs/${runId}/stop`)).statusCode).toBe(404);
    expect((await finished(coordinator, runId)).stoppedEarly).toBe(false);
  });
});
