import { formatInTimeZone } from 'date-fns-tz';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';

// The alliance's shift runs 23:00–07:00 local. Summer time starts on 28 March 2027 at 02:00 and ends on 31 October at 03:00.
let t: TestApp;
let world: World;
let home: Session;
let coordinator: Session;
let clients = 0;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db, { plannedVisits: true });
  home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'series-home'));
  const coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'series-coord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
});

async function newSeries(overrides: Record<string, unknown> = {}): Promise<{ id: string; clientId: string }> {
  const clientId = (await home.post('/api/clients', validClient({ familyName: `Reeks${++clients}`, latitude: 52.78, longitude: 6.9 }))).json<{ id: string }>().id;
  const response = await home.post('/api/planning/series', { clientId, careAgreement: 'Zorgafspraak ZA-114: insuline om 02:00', task: 'Insuline', rrule: 'FREQ=DAILY', firstNight: '2027-03-25', windowStart: '02:00', windowEnd: '02:30', durationMinutes: 15, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json<{ id: string }>().id, clientId };
}

/** Plans the night as the night coordinator and waits for the solver run to end. */
async function planNight(night: string): Promise<void> {
  const start = await coordinator.post(`/api/planning/nights/${night}/solve`, { timeLimitSeconds: 0.2 });
  expect(start.statusCode, start.body).toBe(202);
  const { runId } = start.json<{ runId: string }>();
  await expect.poll(async () => (await coordinator.get(`/api/planning/runs/${runId}`)).json<{ status: string }>().status).not.toBe('running');
}

const visitsOf = (seriesId: string) => t.db.selectFrom('planned_visit').select(['id', 'night', 'window_start', 'window_end', 'task']).where('series_id', '=', seriesId).orderBy('night').execute();
const local = (d: Date) => formatInTimeZone(d, 'Europe/Amsterdam', 'yyyy-MM-dd HH:mm');

describe('recurring planned visits', () => {
  it('expands "every night at 02:00" into one visit per planned night, at 02:00 local on both sides of both DST changes', async () => {
    const { id } = await newSeries();
    const nights = ['2027-03-26', '2027-03-27', '2027-03-28', '2027-10-30', '2027-10-31'];
    for (const night of nights) await planNight(night);
    const visits = await visitsOf(id);
    expect(visits.map((v) => v.night)).toEqual(nights);
    expect(visits.map((v) => v.window_start.toISOString())).toEqual([
      '2027-03-27T01:00:00.000Z', // winter time, UTC+1
      '2027-03-28T01:00:00.000Z', // the spring night: 02:00 does not exist; RFC 5545 reads it as 03:00 summer time
      '2027-03-29T00:00:00.000Z', // summer time, UTC+2
      '2027-10-31T00:00:00.000Z', // the autumn night: the first 02:00 (still summer time)
      '2027-11-01T01:00:00.000Z', // winter time again
    ]);
    expect(visits.map((v) => local(v.window_start))).toEqual(['2027-03-27 02:00', '2027-03-28 03:00', '2027-03-29 02:00', '2027-10-31 02:00', '2027-11-01 02:00']);
    expect(visits.every((v) => v.window_end.getTime() - v.window_start.getTime() === 30 * 60_000)).toBe(true);
  });

  it('adds nothing when a night is planned twice, and only the nights the rule picks', async () => {
    const { id } = await newSeries({ rrule: 'FREQ=WEEKLY;BYDAY=MO', firstNight: '2027-05-01' });
    // 2027-05-03 is a Monday, 2027-05-04 a Tuesday.
    await planNight('2027-05-03');
    await planNight('2027-05-03');
    await planNight('2027-05-04');
    expect((await visitsOf(id)).map((v) => v.night)).toEqual(['2027-05-03']);
    const overview = (await coordinator.get('/api/planning/nights/2027-05-03')).json<{ visits: { seriesId: string | null; task: string }[] }>();
    expect(overview.visits.filter((v) => v.seriesId === id)).toHaveLength(1);
  });

  it('does not bring back a night whose visit was deleted by hand', async () => {
    const { id } = await newSeries({ firstNight: '2027-06-01' });
    await planNight('2027-06-01');
    const [visit] = await visitsOf(id);
    expect((await home.delete(`/api/planning/visits/${visit!.id}`)).statusCode).toBe(204);
    await planNight('2027-06-01');
    expect(await visitsOf(id)).toEqual([]);
  });

  it('edits the series: visits that have not begun follow the change when their night is planned again', async () => {
    const { id } = await newSeries({ firstNight: '2027-07-01' });
    await planNight('2027-07-01');
    const edit = await home.patch(`/api/planning/series/${id}`, { task: 'Insuline en controle', windowStart: '03:00', windowEnd: '03:30' });
    expect(edit.statusCode, edit.body).toBe(204);
    expect(await visitsOf(id)).toEqual([]);
    await planNight('2027-07-01');
    const [visit] = await visitsOf(id);
    expect(visit).toMatchObject({ task: 'Insuline en controle' });
    expect(local(visit!.window_start)).toBe('2027-07-02 03:00');
    const listed = (await home.get('/api/planning/series')).json<{ items: { id: string; task: string; windowStart: string; lastNight: string | null; clientName: string | null }[] }>().items.find((s) => s.id === id);
    expect(listed).toMatchObject({ task: 'Insuline en controle', windowStart: '03:00', lastNight: null, clientName: expect.stringMatching(/Reeks/) as unknown });
  });

  it('stops the series after its last night: later visits not begun are removed and not made again', async () => {
    const { id } = await newSeries({ firstNight: '2027-08-01' });
    for (const night of ['2027-08-01', '2027-08-02', '2027-08-03']) await planNight(night);
    expect((await home.post(`/api/planning/series/${id}/stop`, { lastNight: '2027-07-01' })).statusCode).toBe(400);
    expect((await home.post(`/api/planning/series/${id}/stop`, { lastNight: '2027-08-02' })).statusCode).toBe(204);
    expect((await visitsOf(id)).map((v) => v.night)).toEqual(['2027-08-01', '2027-08-02']);
    await planNight('2027-08-03');
    await planNight('2027-08-04');
    expect((await visitsOf(id)).map((v) => v.night)).toEqual(['2027-08-01', '2027-08-02']);
  });

  it('refuses a rule with an hour or nonsense, a window outside the shift, and anyone but the home organisation', async () => {
    const clientId = (await home.post('/api/clients', validClient({ familyName: 'Geweigerd', latitude: 52.7, longitude: 6.8 }))).json<{ id: string }>().id;
    const body = { clientId, careAgreement: 'ZA-1', task: 'Insuline', rrule: 'FREQ=DAILY', firstNight: '2027-09-01', windowStart: '02:00', windowEnd: '02:30', durationMinutes: 15 };
    for (const rrule of ['FREQ=DAILY;BYHOUR=2', 'elke nacht']) {
      const refused = await home.post('/api/planning/series', { ...body, rrule });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ error: { fields: { path: string; code: string }[] } }>().error.fields[0]).toMatchObject({ path: 'rrule', code: 'invalid_rrule' });
    }
    expect((await home.post('/api/planning/series', { ...body, windowStart: '12:00', windowEnd: '13:00' })).statusCode).toBe(400);
    expect((await coordinator.post('/api/planning/series', body)).statusCode).toBe(404);
    const { id } = await newSeries();
    expect((await coordinator.patch(`/api/planning/series/${id}`, { task: 'Anders' })).statusCode).toBe(404);
    expect((await coordinator.post(`/api/planning/series/${id}/stop`, { lastNight: '2027-09-01' })).statusCode).toBe(404);
    expect((await home.patch(`/api/planning/series/${id}`, { rrule: 'FREQ=MINUTELY' })).statusCode).toBe(400);
    expect(await t.db.selectFrom('planned_visit_series').select('task').where('id', '=', id).executeTakeFirst()).toEqual({ task: 'Insuline' });
  });
});
