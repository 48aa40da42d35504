import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { citizenFromMail, createCircleWorld, staffOf, type CircleWorld, type Staff } from '../../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';
import { validClient } from '../../../../test/support/world.js';
import * as exact from './exact.js';
import { percentiles } from './histogram.js';
import * as store from './store.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let coordinator: Staff;
let admin: Staff;
let nurse: Staff;
let partnerCoordinator: Staff;
const hour = 3600_000;
const PERIOD = 'from=2026-01-01&to=2026-03-31';
/** Every id and name of a person in the hand-made world: none may appear in what the evaluation returns. */
const personal: string[] = [];

async function addClient(familyName: string, postcode: string): Promise<string> {
  const response = await coordinator.session.post('/api/clients', validClient({ familyName, postcode, dateOfBirth: '1946-05-01' }));
  expect(response.statusCode).toBe(201);
  const id = response.json<{ id: string }>().id;
  personal.push(id, familyName, postcode);
  return id;
}

async function addCircle(clientId: string): Promise<string> {
  const row = await t.db
    .insertInto('circle')
    .values({ alliance_id: world.allianceId, organisation_id: world.homeOrg, client_id: clientId, opened_by_name: 'Test', created_at: new Date('2025-12-01T10:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  personal.push(row.id);
  return row.id;
}

async function addInformalMember(circleId: string, kind: 'family' | 'neighbour', name: string): Promise<string> {
  const citizen = await t.db.insertInto('citizen').values({ alliance_id: world.allianceId, email: `${name.toLowerCase()}-${circleId}@burger.example`, name }).returning('id').executeTakeFirstOrThrow();
  const member = await t.db
    .insertInto('circle_member')
    .values({ circle_id: circleId, alliance_id: world.allianceId, organisation_id: world.homeOrg, kind, name, citizen_id: citizen.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  personal.push(name, citizen.id, member.id);
  return member.id;
}

interface Done {
  clientId: string;
  circleId: string;
  doneAt: string;
  leadHours?: number;
  normHours?: number;
  step?: string;
  ownerOrganisationId?: string;
  ownerMemberId?: string;
  effortMinutes?: number;
  status?: 'done' | 'requested';
}

/** A task done `leadHours` after its window (the pathway's start) opened. */
async function addTask(task: Done): Promise<void> {
  const doneAt = new Date(task.doneAt);
  const start = new Date(doneAt.getTime() - (task.leadHours ?? 1) * hour);
  const status = task.status ?? 'done';
  await t.db
    .insertInto('circle_task')
    .values({
      circle_id: task.circleId,
      alliance_id: world.allianceId,
      organisation_id: world.homeOrg,
      client_id: task.clientId,
      title: task.step ?? 'Boodschappen',
      place: 'home',
      window_start: start,
      window_end: new Date(start.getTime() + (task.normHours ?? 24) * hour),
      owner_organisation_id: task.ownerOrganisationId ?? null,
      owner_member_id: task.ownerMemberId ?? null,
      status,
      requested_by_name: 'Test',
      pathway_step: task.step ?? null,
      done_at: status === 'done' ? doneAt : null,
      effort_minutes: task.effortMinutes ?? null,
    })
    .execute();
}

const plan = (circleId: string, version: number, met: boolean[], changedAt: string) =>
  t.db
    .insertInto('circle_plan_version')
    .values({
      circle_id: circleId,
      version,
      alliance_id: world.allianceId,
      organisation_id: world.homeOrg,
      what_matters: 'Thuis blijven',
      goals: JSON.stringify(met.map((m, i) => ({ text: `Doel ${i}`, theme: 'living_at_home', met: m }))),
      agreements: '[]',
      changed_fields: ['goals'],
      changed_by_name: 'Test',
      changed_by_kind: 'staff',
      changed_by_id: coordinator.user.id,
      changed_at: new Date(changedAt),
    })
    .execute();

const rate = async (circleId: string, clientId: string, rating: number, givenAt: string) => {
  await t.db.insertInto('circle_experience').values({ circle_id: circleId, alliance_id: world.allianceId, organisation_id: world.homeOrg, client_id: clientId, rating, given_by_kind: 'person', given_at: new Date(givenAt) }).execute();
};

/**
 * The hand-made world, threshold 3 persons: postcode 7811 has four persons, three with a circle (P1–P3);
 * 9401 has two, one with a circle (P4). Everybody is 79 at the period's end (the 75–84 group).
 */
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  coordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'eval-coord');
  admin = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'eval-admin');
  nurse = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'eval-nurse');
  partnerCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'eval-partner');
  await t.db.insertInto('evaluation_settings').values({ alliance_id: world.allianceId, min_group: 3 }).execute();

  const [p1, p2, p3] = [await addClient('Eerste', '7811AB'), await addClient('Tweede', '7811 CD'), await addClient('Derde', '7811EF')];
  await addClient('Zonder', '7811GH');
  const p4 = await addClient('Vierde', '9401AA');
  await addClient('Vijfde', '9401BB');
  const [c1, c2, c3, c4] = [await addCircle(p1), await addCircle(p2), await addCircle(p3), await addCircle(p4)];

  // Goals: P1's newest plan meets 1 of 2 (its older version none), P2 and P3 meet their one goal: 3 of 4.
  await plan(c1, 1, [false, false], '2025-12-10T10:00:00Z');
  await plan(c1, 2, [true, false], '2026-02-01T10:00:00Z');
  await plan(c2, 1, [true], '2026-01-15T10:00:00Z');
  await plan(c3, 1, [true], '2026-01-15T10:00:00Z');
  // A version after the period does not count.
  await plan(c3, 2, [false], '2026-04-15T10:00:00Z');

  // Experience, each person's newest in the period: 4, 5, 3 (P1's older 2 and a rating after the period do not count).
  await rate(c1, p1, 2, '2026-01-10T10:00:00Z');
  await rate(c1, p1, 4, '2026-02-10T10:00:00Z');
  await rate(c2, p2, 5, '2026-02-10T10:00:00Z');
  await rate(c3, p3, 3, '2026-03-10T10:00:00Z');
  await rate(c3, p3, 1, '2026-04-10T10:00:00Z');

  // Done tasks in the period: 3 by family and neighbours, 1 plain task and 5 pathway steps by organisations.
  const daughter = await addInformalMember(c1, 'family', 'Marieke');
  const neighbour = await addInformalMember(c2, 'neighbour', 'Henk');
  await addTask({ clientId: p1, circleId: c1, doneAt: '2026-02-03T10:00:00Z', ownerMemberId: daughter });
  await addTask({ clientId: p1, circleId: c1, doneAt: '2026-02-04T10:00:00Z', ownerMemberId: daughter });
  await addTask({ clientId: p2, circleId: c2, doneAt: '2026-02-05T10:00:00Z', ownerMemberId: neighbour });
  await addTask({ clientId: p3, circleId: c3, doneAt: '2026-02-06T10:00:00Z', ownerOrganisationId: world.partnerOrg, effortMinutes: 90 });
  // Home care within 24 h: 10, 20, 30 h in 7811, 40 h in 9401; the GP within 7 days: 100 h for P1 only.
  const step = { step: 'home_care_visit', normHours: 24, ownerOrganisationId: world.partnerOrg };
  await addTask({ ...step, clientId: p1, circleId: c1, doneAt: '2026-02-10T10:00:00Z', leadHours: 10, effortMinutes: 30 });
  await addTask({ ...step, clientId: p2, circleId: c2, doneAt: '2026-02-11T10:00:00Z', leadHours: 20 });
  await addTask({ ...step, clientId: p3, circleId: c3, doneAt: '2026-02-12T10:00:00Z', leadHours: 30 });
  await addTask({ ...step, clientId: p4, circleId: c4, doneAt: '2026-02-13T10:00:00Z', leadHours: 40 });
  await addTask({ step: 'gp_follow_up', normHours: 168, ownerOrganisationId: world.gpPost, clientId: p1, circleId: c1, doneAt: '2026-02-20T10:00:00Z', leadHours: 100 });
  // Outside the figures: done before the period, and still requested.
  await addTask({ clientId: p2, circleId: c2, doneAt: '2025-11-01T10:00:00Z', ownerMemberId: neighbour, effortMinutes: 600 });
  await addTask({ clientId: p2, circleId: c2, doneAt: '2026-02-01T10:00:00Z', ownerMemberId: neighbour, status: 'requested' });
});
afterAll(() => smtp.close());

interface Spread {
  suppressed: boolean;
  steps: number | null;
  persons: number | null;
  withinNormShare: number | null;
  p25Hours: number | null;
  p50Hours: number | null;
  p75Hours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
}
interface Group {
  key: string;
  suppressed: boolean;
  persons: number | null;
  withCircle: number | null;
  reachShare: number | null;
  leadTime: Spread;
}
interface Evaluation {
  personCentred: { goals: Record<string, unknown>; experience: Record<string, unknown> };
  sociallyEmbedded: Record<string, unknown>;
  economicallySustainable: Record<string, unknown>[];
  rightTime: { organisationId: string | null; step: string; normHours: number; leadTime: Spread }[];
  equality: { neighbourhoods: Group[]; ageGroups: Group[] };
}

const evaluation = async (query = PERIOD) => {
  const response = await coordinator.session.get(`/api/evaluation?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<Evaluation>();
};

describe('the evaluation figures on a hand-made world', () => {
  it('counts the share of the persons’ own goals met from each newest plan: 3 of 4', async () => {
    expect(await evaluation()).toMatchObject({ hasCircles: true, minGroup: 3, from: '2026-01-01', to: '2026-03-31' });
    expect((await evaluation()).personCentred.goals).toEqual({ suppressed: false, persons: 3, goals: 4, met: 3, metShare: 0.75 });
  });

  it('reads each person’s newest rating in the period, with its spread and counts', async () => {
    expect((await evaluation()).personCentred.experience).toEqual({ suppressed: false, persons: 3, mean: 4, p25: 3.5, median: 4, p75: 4.5, counts: [0, 0, 1, 1, 1] });
  });

  it('gives the share of done tasks carried by family and neighbours: 3 of 9', async () => {
    expect((await evaluation()).sociallyEmbedded).toEqual({ suppressed: false, doneTasks: 9, informal: 3, professional: 6, informalShare: 0.3333 });
  });

  it('gives professional hours per person per month over the persons with a circle', async () => {
    expect((await evaluation()).economicallySustainable).toEqual([
      { month: '2026-01', suppressed: false, persons: 4, professionalHours: 0, tasksWithMinutes: 0, hoursPerPerson: 0 },
      { month: '2026-02', suppressed: false, persons: 4, professionalHours: 2, tasksWithMinutes: 2, hoursPerPerson: 0.5 },
      { month: '2026-03', suppressed: false, persons: 4, professionalHours: 0, tasksWithMinutes: 0, hoursPerPerson: 0 },
    ]);
  });

  it('gives the lead time of each pathway step per organisation against its norm, and suppresses a step of one person', async () => {
    const rows = (await evaluation()).rightTime;
    const homeCare = rows.find((r) => r.step === 'home_care_visit');
    expect(homeCare).toMatchObject({ organisationId: world.partnerOrg, normHours: 24 });
    expect(homeCare?.leadTime).toEqual({ suppressed: false, steps: 4, persons: 4, withinNormShare: 0.5, meanHours: 25, p25Hours: 17.5, p50Hours: 25, p75Hours: 32.5, p90Hours: 37 });
    expect(rows.find((r) => r.step === 'gp_follow_up')).toMatchObject({ organisationId: world.gpPost, normHours: 168, leadTime: { suppressed: true, steps: null, persons: null, p50Hours: null } });
  });

  it('shows reach and the spread of lead times per neighbourhood, suppressing the neighbourhood below the threshold', async () => {
    const { neighbourhoods } = (await evaluation()).equality;
    expect(neighbourhoods.map((g) => g.key)).toEqual(['7811', '9401']);
    expect(neighbourhoods[0]).toEqual({
      key: '7811',
      suppressed: false,
      persons: 4,
      withCircle: 3,
      reachShare: 0.75,
      leadTime: { suppressed: false, steps: 4, persons: 3, withinNormShare: 0.75, meanHours: 40, p25Hours: 17.5, p50Hours: 25, p75Hours: 47.5, p90Hours: 79 },
    });
    expect(neighbourhoods[1]).toEqual({
      key: '9401',
      suppressed: true,
      persons: null,
      withCircle: null,
      reachShare: null,
      leadTime: { suppressed: false, steps: null, persons: null, withinNormShare: null, meanHours: null, p25Hours: null, p50Hours: null, p75Hours: null, p90Hours: null },
    });
  });

  it('shows reach and lead times per age group', async () => {
    expect((await evaluation()).equality.ageGroups).toEqual([
      { key: '75_84', suppressed: false, persons: 6, withCircle: 4, reachShare: 0.6667, leadTime: { suppressed: false, steps: 5, persons: 4, withinNormShare: 0.6, meanHours: 40, p25Hours: 20, p50Hours: 30, p75Hours: 40, p90Hours: 76 } },
    ]);
  });

  it('suppresses every figure when the threshold is above the groups', async () => {
    await t.db.updateTable('evaluation_settings').set({ min_group: 7 }).where('alliance_id', '=', world.allianceId).execute();
    try {
      const result = await evaluation();
      expect(result.personCentred.goals).toEqual({ suppressed: true, persons: null, goals: null, met: null, metShare: null });
      expect(result.personCentred.experience).toMatchObject({ suppressed: true, mean: null, counts: null });
      expect(result.sociallyEmbedded).toMatchObject({ suppressed: true, informalShare: null });
      expect(result.economicallySustainable.every((m) => m.suppressed === true && m.hoursPerPerson === null)).toBe(true);
      expect(result.rightTime.every((r) => r.leadTime.suppressed && r.leadTime.p50Hours === null)).toBe(true);
      expect([...result.equality.neighbourhoods, ...result.equality.ageGroups].every((g) => g.suppressed && g.reachShare === null)).toBe(true);
    } finally {
      await t.db.updateTable('evaluation_settings').set({ min_group: 3 }).where('alliance_id', '=', world.allianceId).execute();
    }
  });

  it('narrows to one organisation’s persons: none of this world’s persons are the partner’s', async () => {
    const response = await admin.session.get(`/api/evaluation?${PERIOD}&organisationId=${world.partnerOrg}`);
    expect(response.statusCode).toBe(200);
    const result = response.json<Evaluation & { hasCircles: boolean }>();
    expect(result.hasCircles).toBe(false);
    expect(result.personCentred.goals).toEqual({ suppressed: false, persons: null, goals: null, met: null, metShare: null });
    expect(result.rightTime).toEqual([]);
    expect(result.equality.neighbourhoods).toEqual([]);
  });
});

/** The two readings of one period: the roll-ups' window and the exact oracle's. */
function windows(fromMonth: string, toMonth: string, organisationId: string | null) {
  const timeZone = 'Europe/Amsterdam';
  const rolled: store.Window = { allianceId: world.allianceId, scope: organisationId ?? world.allianceId, fromMonth, toMonth, endYear: Number(toMonth.slice(0, 4)) - (toMonth.slice(5, 7) === '01' ? 1 : 0), timeZone };
  const exactWindow: exact.Window = { allianceId: world.allianceId, organisationId, from: fromZonedTime(`${fromMonth}T00:00:00`, timeZone), to: fromZonedTime(`${toMonth}T00:00:00`, timeZone), timeZone };
  return { rolled, exactWindow };
}

/** Everything the roll-ups hold for the world's alliance, in a stable order. */
const rollupRows = async () => {
  const tables = ['evaluation_task_month', 'evaluation_lead_month', 'evaluation_lead_bucket', 'evaluation_goal_month', 'evaluation_circle_month', 'evaluation_reach'];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE alliance_id = ${world.allianceId}`.execute(t.db);
    // Reach rows a client moved out of stay at zero; the rebuild does not write them.
    out[table] = rows.filter((r) => table !== 'evaluation_reach' || r.persons !== 0).map((r) => JSON.stringify(r)).sort();
  }
  return out;
};

describe('the roll-ups against the exact computation', () => {
  const periods = [
    ['2026-01-01', '2026-04-01', null],
    ['2026-02-01', '2026-03-01', null],
    ['2025-11-01', '2026-05-01', null],
    ['2026-01-01', '2026-04-01', 'home'],
    ['2026-01-01', '2026-04-01', 'partner'],
  ] as const;

  it.each(periods)('gives the exact figures from %s to %s (scope %s), percentiles within one histogram bucket', async (fromMonth, toMonth, which) => {
    const organisationId = which === 'home' ? world.homeOrg : which === 'partner' ? world.partnerOrg : null;
    const { rolled, exactWindow } = windows(fromMonth, toMonth, organisationId);
    expect(await store.goalFigures(t.db, rolled)).toEqual(await exact.goalFigures(t.db, exactWindow));
    const tasks = await store.taskFigures(t.db, rolled);
    const exactTasks = await exact.taskFigures(t.db, exactWindow);
    expect({ done: tasks.done, informal: tasks.informal, professional: tasks.professional }).toEqual({ done: exactTasks.done, informal: exactTasks.informal, professional: exactTasks.professional });
    // A person's bit may collide with another's (odds about 1 in 800 here): the bits never exceed the persons.
    expect(exactTasks.persons - tasks.bits).toBeGreaterThanOrEqual(0);
    expect(exactTasks.persons - tasks.bits).toBeLessThanOrEqual(1);
    expect(await store.hoursPerMonth(t.db, rolled)).toEqual(await exact.hoursPerMonth(t.db, exactWindow));

    const cells = await store.leadTimeCells(t.db, rolled);
    const compare = async (dim: store.LeadDim, key: string, e: exact.SpreadRow) => {
      const cell = cells.find((c) => c.dim === dim && c.key === key);
      expect(cell, `${dim} ${key}`).toBeDefined();
      if (!cell) return;
      expect({ steps: cell.steps, withinNorm: cell.within_norm }).toEqual({ steps: e.steps, withinNorm: e.within_norm });
      expect(cell.hours / cell.steps).toBeCloseTo(e.mean ?? Number.NaN, 6);
      expect(e.persons - cell.bits).toBeGreaterThanOrEqual(0);
      expect(e.persons - cell.bits).toBeLessThanOrEqual(1);
      const q = percentiles((await store.leadTimeBuckets(t.db, rolled, dim)).filter((b) => b.key === key), cell.steps) ?? [];
      (e.q ?? []).forEach((value, i) => expect(Math.abs((q[i] ?? Number.NaN) - value)).toBeLessThanOrEqual(value * (2 ** (1 / 8) - 1) + 1e-9));
    };
    const byOrganisation = await exact.leadTimesByOrganisation(t.db, exactWindow);
    expect(cells.filter((c) => c.dim === 'step')).toHaveLength(byOrganisation.length);
    for (const e of byOrganisation) {
      await compare('step', `${e.organisation_id ?? '-'} ${e.step}`, e);
      expect(cells.find((c) => c.key === `${e.organisation_id ?? '-'} ${e.step}`)?.norm_hours).toBe(e.norm_hours);
    }
    for (const [dim, by] of [['neighbourhood', 'neighbourhood'], ['birth_year', 'age_group']] as const) {
      const lead = await exact.leadTimesBy(t.db, exactWindow, by);
      expect(cells.filter((c) => c.dim === dim).map((c) => c.key)).toEqual(lead.map((e) => e.key));
      for (const e of lead) await compare(dim, e.key, e);
      const reach = await store.reach(t.db, rolled);
      expect(reach.filter((r) => r.dim === dim).map((r) => ({ key: r.key, persons: r.persons, with_circle: r.with_circle }))).toEqual(await exact.reachBy(t.db, exactWindow, by));
    }
  });

  it('holds the same rows when rebuilt from scratch as the triggers wrote, also after a done task moved to another month', async () => {
    const before = await rollupRows();
    await sql`SELECT evaluation_rebuild(${world.allianceId}::uuid)`.execute(t.db);
    expect(await rollupRows()).toEqual(before);
    // No code path changes a done task, but should one: its months are recounted in the same transaction.
    const moved = await t.db.selectFrom('circle_task').select('id').where('alliance_id', '=', world.allianceId).where('pathway_step', '=', 'gp_follow_up').executeTakeFirstOrThrow();
    await t.db.updateTable('circle_task').set({ done_at: new Date('2026-03-20T10:00:00Z'), window_start: new Date('2026-03-16T06:00:00Z'), window_end: new Date('2026-03-23T06:00:00Z') }).where('id', '=', moved.id).execute();
    try {
      const afterMove = await rollupRows();
      await sql`SELECT evaluation_rebuild(${world.allianceId}::uuid)`.execute(t.db);
      expect(await rollupRows()).toEqual(afterMove);
      const { rolled, exactWindow } = windows('2026-03-01', '2026-04-01', null);
      expect((await store.leadTimeCells(t.db, rolled)).filter((c) => c.dim === 'step').map((c) => c.steps)).toEqual((await exact.leadTimesByOrganisation(t.db, exactWindow)).map((e) => e.steps));
    } finally {
      await t.db.updateTable('circle_task').set({ done_at: new Date('2026-02-20T10:00:00Z'), window_start: new Date('2026-02-16T06:00:00Z'), window_end: new Date('2026-02-23T06:00:00Z') }).where('id', '=', moved.id).execute();
    }
  });
});

describe('access to the evaluation', () => {
  it('lets no person-level data leave: no id, name or full postcode of a person, a circle or a member', async () => {
    const body = JSON.stringify(await evaluation());
    for (const value of personal) expect(body).not.toContain(value);
    const csvs = await Promise.all(['summary', 'hours', 'right_time', 'neighbourhoods', 'age_groups'].map(async (figure) => (await coordinator.session.get(`/api/evaluation.csv?${PERIOD}&figure=${figure}`)).body));
    for (const value of personal) for (const csv of csvs) expect(csv).not.toContain(value);
  });

  it('refuses roles the alliance does not allow, and follows the alliance when it changes them', async () => {
    expect((await nurse.session.get(`/api/evaluation?${PERIOD}`)).statusCode).toBe(403);
    await t.db.updateTable('evaluation_settings').set({ reader_roles: ['alliance_admin'] }).where('alliance_id', '=', world.allianceId).execute();
    try {
      expect((await coordinator.session.get(`/api/evaluation?${PERIOD}`)).statusCode).toBe(403);
      expect((await coordinator.session.get(`/api/evaluation.csv?${PERIOD}&figure=summary`)).statusCode).toBe(403);
      expect((await admin.session.get(`/api/evaluation?${PERIOD}`)).statusCode).toBe(200);
    } finally {
      await t.db.updateTable('evaluation_settings').set({ reader_roles: ['alliance_admin', 'organisation_admin', 'coordinator'] }).where('alliance_id', '=', world.allianceId).execute();
    }
  });

  it('shows a professional their own organisation, not another’s; the alliance administrator any of its members', async () => {
    expect((await partnerCoordinator.session.get(`/api/evaluation?${PERIOD}&organisationId=${world.partnerOrg}`)).statusCode).toBe(200);
    expect((await partnerCoordinator.session.get(`/api/evaluation?${PERIOD}&organisationId=${world.homeOrg}`)).statusCode).toBe(403);
    expect((await admin.session.get(`/api/evaluation?${PERIOD}&organisationId=${world.hospital}`)).statusCode).toBe(200);
    const stranger = await createCircleWorld(t.db);
    expect((await admin.session.get(`/api/evaluation?${PERIOD}&organisationId=${stranger.homeOrg}`)).statusCode).toBe(404);
  });

  it('refuses anyone not signed in as staff', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/evaluation?${PERIOD}` })).statusCode).toBe(401);
  });

  it('refuses a period that ends before it starts or spans more than two years', async () => {
    expect((await coordinator.session.get('/api/evaluation?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
    expect((await coordinator.session.get('/api/evaluation?from=2023-01-01&to=2026-02-01')).statusCode).toBe(400);
  });
});

describe('the evaluation as CSV', () => {
  const csv = async (figure: string) => {
    const response = await coordinator.session.get(`/api/evaluation.csv?${PERIOD}&figure=${figure}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    return response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  };

  it('writes the summary in Dutch with semicolons and decimal commas', async () => {
    const lines = await csv('summary');
    expect(lines[0]).toBe('Cijfer;Waarde');
    expect(lines).toContain('Periode;2026-01-01 – 2026-03-31');
    expect(lines).toContain('Aandeel doelen bereikt;0,75');
    expect(lines).toContain('Oordeel mediaan (1–5);4');
    expect(lines).toContain('Aandeel naasten en buren;0,3333');
  });

  it('writes the lead times per organisation and step, saying which rows are suppressed', async () => {
    const lines = await csv('right_time');
    expect(lines[0]).toBe('Organisatie;Stap;Norm (uur);Afgeronde stappen;Binnen norm;Gemiddeld (uur);P25 (uur);Mediaan (uur);P75 (uur);P90 (uur)');
    expect(lines).toContain('Partner care;Bezoek van de thuiszorg;24;4;0,5;25;17,5;25;32,5;37');
    expect(lines).toContain('GP post;Huisarts of praktijkondersteuner;168;onderdrukt (minder dan 3 personen)');
  });

  it('writes reach and lead times per neighbourhood and per age group', async () => {
    expect(await csv('neighbourhoods')).toEqual([
      'Buurt (postcode);Personen;Met zorgnetwerk;Bereik;Afgeronde stappen;Binnen norm;Gemiddeld (uur);P25 (uur);Mediaan (uur);P75 (uur);P90 (uur)',
      '7811;4;3;0,75;4;0,75;40;17,5;25;47,5;79',
      '9401;onderdrukt (minder dan 3 personen)',
    ]);
    expect((await csv('age_groups'))[1]).toBe('75–84;6;4;0,6667;5;0,6;40;20;30;40;76');
    expect((await csv('hours'))[2]).toBe('2026-02;4;2;0,5;2');
  });
});

describe('what the evaluation needs from the circles', () => {
  it('takes the person’s rating from them or their representative, never from staff', async () => {
    const clientId = (await coordinator.session.post('/api/clients', validClient({ familyName: 'Oordeel' }))).json<{ id: string }>().id;
    const daughterEmail = `dochter-${Date.now()}@burger.example`;
    expect((await coordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke', email: daughterEmail }, consentGiven: true })).statusCode).toBe(201);
    const daughter = await citizenFromMail(t.app, smtp, daughterEmail);
    expect((await daughter.post(`/api/circles/${clientId}/experience`, { rating: 4 })).statusCode).toBe(204);
    expect((await daughter.post(`/api/circles/${clientId}/experience`, { rating: 6 })).statusCode).toBe(400);
    expect((await coordinator.session.post(`/api/circles/${clientId}/experience`, { rating: 5 })).statusCode).toBe(403);
    const rows = await t.db.selectFrom('circle_experience').select(['rating', 'given_by_kind']).where('client_id', '=', clientId).execute();
    expect(rows).toEqual([{ rating: 4, given_by_kind: 'representative' }]);
  });

  it('records the minutes of a done task for the owning organisation only', async () => {
    const clientId = (await coordinator.session.post('/api/clients', validClient({ familyName: 'Minuten' }))).json<{ id: string }>().id;
    expect((await coordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'self', name: 'Jan', email: `jan-${Date.now()}@burger.example` }, consentGiven: true })).statusCode).toBe(201);
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 24 * hour).toISOString() };
    const taskId = (await coordinator.session.post(`/api/circles/${clientId}/tasks`, { title: 'Wondzorg', place: 'home', competence: null, ...window })).json<{ id: string }>().id;
    const effort = (minutes: number) => coordinator.session.put(`/api/circles/${clientId}/tasks/${taskId}/effort`, { minutes });
    expect((await effort(45)).statusCode).toBe(409);
    expect((await coordinator.session.post(`/api/circles/${clientId}/tasks/${taskId}/accept`)).statusCode).toBe(204);
    expect((await coordinator.session.post(`/api/circles/${clientId}/tasks/${taskId}/complete`)).statusCode).toBe(204);
    expect((await effort(45)).statusCode).toBe(204);
    expect((await effort(0)).statusCode).toBe(400);
    expect((await partnerCoordinator.session.put(`/api/circles/${clientId}/tasks/${taskId}/effort`, { minutes: 600 })).statusCode).toBe(404);
    expect((await t.db.selectFrom('circle_task').select('effort_minutes').where('id', '=', taskId).executeTakeFirstOrThrow()).effort_minutes).toBe(45);
  });
});

// Last: these add persons to the world, which the exact figures above do not expect.
describe('the evaluation kept current', () => {
  /** A person with a circle of their own, opened through the API, and an ownerless task their organisation's coordinator takes on. */
  async function personWithTask(staff: Staff, name: string) {
    const clientId = (await staff.session.post('/api/clients', validClient({ familyName: name }))).json<{ id: string }>().id;
    expect((await staff.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'self', name, email: `${name.toLowerCase()}-${Date.now()}@burger.example` }, consentGiven: true })).statusCode).toBe(201);
    const window = { windowStart: new Date(Date.now() - 2 * hour).toISOString(), windowEnd: new Date(Date.now() + 22 * hour).toISOString() };
    const taskId = (await staff.session.post(`/api/circles/${clientId}/tasks`, { title: 'Wondzorg', place: 'home', competence: null, ...window })).json<{ id: string }>().id;
    expect((await staff.session.post(`/api/circles/${clientId}/tasks/${taskId}/accept`)).statusCode).toBe(204);
    return async () => expect((await staff.session.post(`/api/circles/${clientId}/tasks/${taskId}/complete`)).statusCode).toBe(204);
  }

  it('counts a task in the figures as soon as it is done, and shows the group once it has enough persons', async () => {
    const fresh = await createCircleWorld(t.db);
    const staff = await staffOf(t.app, t.db, t.deps.secretBox, fresh.homeOrg, ['coordinator'], 'eval-now');
    await t.db.insertInto('evaluation_settings').values({ alliance_id: fresh.allianceId, min_group: 3 }).execute();
    const today = formatInTimeZone(new Date(), 'Europe/Amsterdam', 'yyyy-MM-dd');
    const current = async () => {
      const response = await staff.session.get(`/api/evaluation?from=${today}&to=${today}`);
      expect(response.statusCode).toBe(200);
      return response.json<Evaluation>().sociallyEmbedded;
    };
    const complete = [await personWithTask(staff, 'Actueel-een'), await personWithTask(staff, 'Actueel-twee'), await personWithTask(staff, 'Actueel-drie')];
    expect(await current()).toEqual({ suppressed: false, doneTasks: null, informal: null, professional: null, informalShare: null });
    await complete[0]?.();
    await complete[1]?.();
    // Two persons: below the threshold of 3, so the tasks are counted but not shown.
    expect(await current()).toEqual({ suppressed: true, doneTasks: null, informal: null, professional: null, informalShare: null });
    await complete[2]?.();
    expect(await current()).toEqual({ suppressed: false, doneTasks: 3, informal: 0, professional: 0, informalShare: 0 });
  });

  it('rounds a period to whole months', async () => {
    expect(await evaluation('from=2026-01-15&to=2026-03-02')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect((await evaluation('from=2026-01-15&to=2026-03-02')).rightTime).toEqual((await evaluation()).rightTime);
  });
});
