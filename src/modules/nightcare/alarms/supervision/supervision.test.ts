import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../../../test/support/app.js';
import { addUser, createWorld, SETUP, validClient, type World } from '../../../../../test/support/world.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../../alliance/index.js';
import { startAlarmReceiver, type AlarmReceiver } from '../dc09-intake.js';
import { encodeFrame } from '../dc09/index.js';
import { shiftStartingOn } from '../../../nightteam/index.js';
import { recordLastSeen } from './last-seen.js';
import { sweepSupervision } from './sweep.js';

let t: TestApp;
let world: World;
let admin: Session;
let coordinator: Session;
let alarmCentre: string;
let alarmCentreKey: string;
let clientAccount: string;
let receiver: AlarmReceiver;

const HOUR = 3600_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
let accounts = 0;
/** A fresh account per test: the sweep sees every source in the database, so tests look only at their own. */
const newAccount = () => `5A${(Date.now() % 1e6).toString(16)}${(++accounts).toString(16)}`.toUpperCase().slice(0, 16);

const sourceRow = (source: string, kind: 'dc09' | 'webhook' = 'dc09', allianceId = world.allianceId) =>
  t.db.selectFrom('supervised_source').selectAll().where('alliance_id', '=', allianceId).where('kind', '=', kind).where('source', '=', source).executeTakeFirst();
const silentAlarms = (account: string) =>
  t.db.selectFrom('alarm').selectAll().where('alliance_id', '=', world.allianceId).where('source', '=', 'supervision').where('account', '=', account).execute();
const setAccountInterval = (session: Session, account: string, testIntervalMinutes: number | null) => session.post('/api/nightcare/supervision/accounts', { account, testIntervalMinutes });
const setSilence = (session: Session, intakeSilenceMinutes: number) => session.patch('/api/nightcare/supervision/settings', { intakeSilenceMinutes });

interface TechnicalItem {
  id: string;
  reason: string;
  account: string | null;
  source: string;
  client: { familyName: string } | null;
  silence: { kind: string; source: string; name: string | null; lastSeenAt: string; intervalMinutes: number } | null;
}
const technicalQueue = async () => (await coordinator.get('/api/nightcare/technical-alarms')).json<{ items: TechnicalItem[] }>().items;

/** Sends one frame over TCP and resolves when the receiver answers. */
async function transmit(frame: Buffer): Promise<void> {
  const socket = connect(receiver.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  await new Promise<void>((resolve) => {
    socket.once('data', () => resolve());
    socket.write(frame);
  });
  socket.destroy();
}

/** The link test's upsert runs beside the ACK, not before it: wait for its row (generously: CI may be loaded). */
async function eventually<T>(read: () => Promise<T | undefined>, ok: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const value = await read();
    if (value !== undefined && ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 15 s');
}

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false }); // the test drives the sweeps itself
  world = await createWorld(t.db);
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'admin'));
  const coordinatorUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'nightcoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, coordinatorUser);
  alarmCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarmcentrale Noord', kind: 'alarm_centre' });
  alarmCentreKey = (await createApiKey(t.db, alarmCentre, 'receiver')).key;
  clientAccount = newAccount();
  const homeCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'homecoord'));
  expect((await homeCoordinator.post('/api/clients', validClient({ alarmAccount: clientAccount, familyName: 'Stilte' }))).statusCode).toBe(201);
  receiver = await startAlarmReceiver(t.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 200, dispatch: false });
});

afterAll(async () => {
  await receiver.close();
});

describe('last-seen of alarm sources', () => {
  it('records a NULL link test, which stores no alarm, as a sign of life of its account', async () => {
    const account = newAccount();
    await transmit(encodeFrame({ token: 'NULL', sequence: 1, account, data: '' }));
    const row = await eventually(() => sourceRow(account), (r) => r.last_seen_at !== null);
    expect(Date.now() - (row.last_seen_at?.getTime() ?? 0)).toBeLessThan(10_000);
    expect(row.due_at.getTime() - (row.last_seen_at?.getTime() ?? 0)).toBe(48 * HOUR);
    expect(await t.db.selectFrom('alarm').select('id').where('account', '=', account).execute()).toHaveLength(0);
  });

  it('records a DC-09 alarm or periodic test in its own transaction, so the row is there when the ACK is', async () => {
    // 602: periodic test (technical queue); 101: personal emergency (opens an incident in one statement).
    for (const event of ['1602 00 000', '1101 01 001']) {
      const account = newAccount();
      await transmit(encodeFrame({ token: 'ADM-CID', sequence: 7, line: '0', account, data: `#${account}|${event}`, timestamp: new Date() }));
      expect((await sourceRow(account))?.last_seen_at).toBeInstanceOf(Date);
    }
  });

  it('records a webhook alarm under its alarm centre, not under the device account', async () => {
    const account = newAccount();
    const before = new Date();
    const response = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmCentreKey, 'idempotency-key': `seen-${account}` }, payload: { account, reason: 'personal_emergency', occurredAt: '2020-01-01T00:00:00Z' } });
    expect(response.statusCode).toBe(202);
    // The server's own time, not the alarm centre's occurredAt.
    expect((await sourceRow(alarmCentre, 'webhook'))?.last_seen_at?.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(await sourceRow(account)).toBeUndefined();
  });

  it('records a retry too: a duplicate is a sign of life', async () => {
    const account = newAccount();
    const send = () => t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmCentreKey, 'idempotency-key': `retry-${account}` }, payload: { account, reason: 'fall' } });
    expect((await send()).statusCode).toBe(202);
    const first = (await sourceRow(alarmCentre, 'webhook'))?.last_seen_at;
    const retry = await send();
    expect(retry.json()).toMatchObject({ duplicate: true });
    expect((await sourceRow(alarmCentre, 'webhook'))?.last_seen_at?.getTime()).toBeGreaterThan(first?.getTime() ?? Infinity);
  });

  it('never moves last-seen back for a late retry', async () => {
    const account = newAccount();
    const at = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at });
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: later(at, -HOUR) });
    expect((await sourceRow(account))?.last_seen_at).toEqual(at);
  });
});

describe('device silent', () => {
  it('raises one technical alarm after twice the interval, and clears it when the account speaks again', async () => {
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: clientAccount, at: t0 });
    await sweepSupervision(t.deps, later(t0, 47 * HOUR));
    expect(await silentAlarms(clientAccount)).toHaveLength(0);

    await sweepSupervision(t.deps, later(t0, 48 * HOUR + 1000));
    await sweepSupervision(t.deps, later(t0, 50 * HOUR));
    const [alarm, ...more] = await silentAlarms(clientAccount);
    expect(more).toHaveLength(0);
    expect(alarm).toMatchObject({ reason: 'device_silent', queue: 'technical', handled_at: null });
    const item = (await technicalQueue()).find((a) => a.id === alarm?.id);
    expect(item).toMatchObject({ reason: 'device_silent', source: 'supervision', account: clientAccount, client: { familyName: 'Stilte' } });
    expect(item?.silence).toEqual({ kind: 'dc09', source: clientAccount, name: null, lastSeenAt: t0.toISOString(), intervalMinutes: 24 * 60 });

    // The device sends its periodic test again: the next sweep takes the alarm out of the queue.
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: clientAccount, at: later(t0, 51 * HOUR) });
    await sweepSupervision(t.deps, later(t0, 51 * HOUR + 1000));
    expect((await silentAlarms(clientAccount))[0]?.handled_at).toEqual(later(t0, 51 * HOUR + 1000));
    expect((await technicalQueue()).some((a) => a.id === alarm?.id)).toBe(false);
    expect(await sourceRow(clientAccount)).toMatchObject({ silent_alarm_id: null, silent_since: null });
  });

  it('raises a new alarm for a new silence after the device had spoken', async () => {
    const account = newAccount();
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: t0 });
    await sweepSupervision(t.deps, later(t0, 49 * HOUR));
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: later(t0, 50 * HOUR) });
    await sweepSupervision(t.deps, later(t0, 50 * HOUR + 1000));
    await sweepSupervision(t.deps, later(t0, 99 * HOUR));
    const alarms = await silentAlarms(account);
    expect(alarms.map((a) => a.handled_at === null)).toEqual([false, true]);
  });

  it('stores one alarm when two instances sweep at the same moment', async () => {
    const account = newAccount();
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: t0 });
    const now = later(t0, 49 * HOUR);
    await Promise.all([sweepSupervision(t.deps, now), sweepSupervision(t.deps, now), sweepSupervision(t.deps, now)]);
    expect(await silentAlarms(account)).toHaveLength(1);
  });

  it('names the alarm centre of a silent webhook source', async () => {
    const centre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarmcentrale Zuid', kind: 'alarm_centre' });
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'webhook', source: centre, at: t0 });
    await sweepSupervision(t.deps, later(t0, 49 * HOUR));
    const item = (await technicalQueue()).find((a) => a.silence?.source === centre);
    expect(item).toMatchObject({ reason: 'device_silent', account: null, client: null, silence: { kind: 'webhook', name: 'Alarmcentrale Zuid' } });
  });
});

describe('per-account test interval', () => {
  it('lets an alliance administrator shorten an account’s interval, after which it is silent sooner', async () => {
    const account = newAccount();
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: t0 });
    const response = await setAccountInterval(admin, account.toLowerCase(), 60);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'dc09', source: account, testIntervalMinutes: 60, intervalMinutes: 60, silentSince: null });

    await sweepSupervision(t.deps, later(t0, 119 * 60_000));
    expect(await silentAlarms(account)).toHaveLength(0);
    await sweepSupervision(t.deps, later(t0, 121 * 60_000));
    expect(await silentAlarms(account)).toHaveLength(1);
    const overview = (await admin.get('/api/nightcare/supervision')).json<{ defaults: { dc09: number }; sources: { source: string; silentSince: string | null; intervalMinutes: number }[] }>();
    expect(overview.defaults.dc09).toBe(24 * 60);
    expect(overview.sources.find((s) => s.source === account)).toMatchObject({ intervalMinutes: 60, silentSince: t0.toISOString() });
  });

  it('keeps the shorter interval for the next sign of life', async () => {
    const account = newAccount();
    expect((await setAccountInterval(admin, account, 30)).statusCode).toBe(200);
    const at = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at });
    expect((await sourceRow(account))?.due_at).toEqual(later(at, HOUR));
  });

  it('counts a registered account that never speaks as silent from its registration', async () => {
    const account = newAccount();
    expect((await setAccountInterval(admin, account, 10)).statusCode).toBe(200);
    const registered = (await sourceRow(account))?.created_at ?? new Date();
    await sweepSupervision(t.deps, later(registered, 21 * 60_000));
    expect(await silentAlarms(account)).toHaveLength(1);
  });

  it('stops supervising a removed account and closes its silent alarm', async () => {
    const account = newAccount();
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'dc09', source: account, at: t0 });
    await sweepSupervision(t.deps, later(t0, 49 * HOUR));
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/nightcare/supervision/accounts/${account}`, headers: { cookie: admin.cookie } });
    expect(removed.statusCode).toBe(204);
    expect(await sourceRow(account)).toBeUndefined();
    expect((await silentAlarms(account))[0]?.handled_at).toBeInstanceOf(Date);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/nightcare/supervision/accounts/${account}`, headers: { cookie: admin.cookie } })).statusCode).toBe(404);
  });

  it('sets an alarm centre’s own interval for its webhook, and only for an alarm centre of the alliance', async () => {
    const centre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarmcentrale Oost', kind: 'alarm_centre' });
    const t0 = new Date();
    await recordLastSeen(t.db, { allianceId: world.allianceId, kind: 'webhook', source: centre, at: t0 });
    const response = await admin.post('/api/nightcare/supervision/alarm-centres', { organisationId: centre, testIntervalMinutes: 60 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'webhook', source: centre, name: 'Alarmcentrale Oost', intervalMinutes: 60 });
    await sweepSupervision(t.deps, later(t0, 121 * 60_000));
    expect((await sourceRow(centre, 'webhook'))?.silent_alarm_id).not.toBeNull();
    expect((await admin.post('/api/nightcare/supervision/alarm-centres', { organisationId: world.homeOrg, testIntervalMinutes: 60 })).statusCode).toBe(404);
  });

  it('refuses supervision settings to anyone but an alliance administrator, and hides other alliances', async () => {
    expect((await coordinator.get('/api/nightcare/supervision')).statusCode).toBe(403);
    expect((await setAccountInterval(coordinator, 'ABC123', 60)).statusCode).toBe(403);
    const other = await createWorld(t.db);
    expect((await admin.get(`/api/nightcare/supervision?allianceId=${other.allianceId}`)).statusCode).toBe(404);
    expect((await setAccountInterval(admin, 'ABC123', 0)).statusCode).toBe(400);
    expect((await setAccountInterval(admin, 'not-hex', 60)).statusCode).toBe(400);
  });
});

describe('intake silence at night', () => {
  it('shows an intake-silence alarm on the board once nothing arrived for the set period, and lowers it when a frame comes', async () => {
    const night = await createWorld(t.db);
    const nightAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, night.homeOrg, ['alliance_admin'], 'nightadmin'));
    const coordUser = await addUser(t.db, t.deps.secretBox, night.partnerOrg, ['coordinator'], 'nightcoord2');
    await addTeamMember(t.db, { allianceId: night.allianceId, teamName: 'Night team', userId: coordUser.id, organisationId: night.partnerOrg });
    const nightCoordinator = await login(t.app, coordUser);
    expect((await setSilence(nightAdmin, 30)).statusCode).toBe(204);
    expect((await setSilence(nightAdmin, 1)).statusCode).toBe(400);

    // A night a year ahead, in the alliance's zone (Europe/Amsterdam, shift 23:00-07:00).
    const shift = shiftStartingOn(`${new Date().getUTCFullYear() + 1}-01-14`, 'Europe/Amsterdam', { start: '23:00', end: '07:00' });
    const lastFrame = later(shift.startsAt, HOUR);
    await recordLastSeen(t.db, { allianceId: night.allianceId, kind: 'dc09', source: newAccount(), at: lastFrame });
    const status = async () => (await nightCoordinator.get('/api/nightcare/supervision/status')).json<{ intakeSilence: { quietSince: string; minutes: number } | null }>().intakeSilence;

    await sweepSupervision(t.deps, later(lastFrame, 29 * 60_000));
    expect(await status()).toBeNull();
    await sweepSupervision(t.deps, later(lastFrame, 31 * 60_000));
    expect(await status()).toEqual({ quietSince: lastFrame.toISOString(), raisedAt: later(lastFrame, 31 * 60_000).toISOString(), minutes: 30 });

    await recordLastSeen(t.db, { allianceId: night.allianceId, kind: 'webhook', source: crypto.randomUUID(), at: later(lastFrame, 40 * 60_000) });
    await sweepSupervision(t.deps, later(lastFrame, 41 * 60_000));
    expect(await status()).toBeNull();
  });

  it('lowers a standing intake-silence alarm when the night shift ends', async () => {
    const quiet = await createWorld(t.db);
    const shift = shiftStartingOn(`${new Date().getUTCFullYear() + 1}-02-10`, 'Europe/Amsterdam', { start: '23:00', end: '07:00' });
    await recordLastSeen(t.db, { allianceId: quiet.allianceId, kind: 'dc09', source: newAccount(), at: later(shift.startsAt, -HOUR) });
    await sweepSupervision(t.deps, later(shift.startsAt, 2 * HOUR));
    expect(await t.db.selectFrom('intake_silence').selectAll().where('alliance_id', '=', quiet.allianceId).executeTakeFirst()).toMatchObject({ quiet_since: shift.startsAt });
    await sweepSupervision(t.deps, shift.endsAt);
    expect(await t.db.selectFrom('intake_silence').selectAll().where('alliance_id', '=', quiet.allianceId).executeTakeFirst()).toBeUndefined();
  });

  it('shows the intake status to night coordinators only', async () => {
    expect((await admin.get('/api/nightcare/supervision/status')).statusCode).toBe(403);
  });
});
