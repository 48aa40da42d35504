import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, SETUP, validClient, type World } from '../../../../test/support/world.js';
import { readConfig } from '../../../platform/config.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../alliance/index.js';
import { requestHash, webhookAlarmInput } from './webhook.js';

let t: TestApp;
let world: World;
let firstCentreKey: string;
let secondCentreKey: string;
let coordinator: Session;
const ACCOUNT = 'C10C4';
const DAY = 24 * 3600_000;

interface AlarmAnswer {
  alarmId: string;
  incidentId: string | null;
  duplicate: boolean;
}
interface IncidentDetail {
  incident: { receivedAt: string; occurredAt: string | null };
}

const send = (apiKey: string, key: string, payload: string | Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': apiKey, 'idempotency-key': key, 'content-type': 'application/json' }, payload });

const alarmsUnder = (key: string) => t.db.selectFrom('alarm').select(['id', 'reason', 'occurred_at', 'received_at']).where('dedup_key', 'like', `%:${key}`).execute();

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const firstCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre North', kind: 'alarm_centre' });
  const secondCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre South', kind: 'alarm_centre' });
  firstCentreKey = (await createApiKey(t.db, firstCentre, 'north')).key;
  secondCentreKey = (await createApiKey(t.db, secondCentre, 'south')).key;
  const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'webhook-coord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, user);
  const home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'webhook-home'));
  expect((await home.post('/api/clients', validClient({ alarmAccount: ACCOUNT }))).statusCode).toBe(201);
});

describe('webhook Idempotency-Key', () => {
  it('answers a retry with the same body as a duplicate of the stored alarm, however its JSON is laid out', async () => {
    const first = await send(firstCentreKey, 'same-body-0001', { account: ACCOUNT, reason: 'fall', note: 'Pendant' });
    const retry = await send(firstCentreKey, 'same-body-0001', '{ "note": "Pendant",   "reason": "fall", "account": "c10c4" }');
    expect(first.statusCode).toBe(202);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(first.json<AlarmAnswer>().duplicate).toBe(false);
    expect(retry.json<AlarmAnswer>()).toMatchObject({ duplicate: true, alarmId: first.json<AlarmAnswer>().alarmId, incidentId: first.json<AlarmAnswer>().incidentId });
    expect(await alarmsUnder('same-body-0001')).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED, keeping the first alarm', async () => {
    expect((await send(firstCentreKey, 'reused-key-0001', { account: ACCOUNT, reason: 'fall' })).statusCode).toBe(202);
    const other = await send(firstCentreKey, 'reused-key-0001', { account: ACCOUNT, reason: 'personal_emergency' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({ error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/different request body/) as string } });
    const stored = await alarmsUnder('reused-key-0001');
    expect(stored.map((a) => a.reason)).toEqual(['fall']);
  });

  it('lets exactly one of two different bodies racing under one key through, and refuses the other', async () => {
    const [a, b] = await Promise.all([
      send(firstCentreKey, 'race-key-0001', { account: ACCOUNT, reason: 'fall' }),
      send(firstCentreKey, 'race-key-0001', { account: ACCOUNT, reason: 'personal_emergency' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 422]);
    expect(await alarmsUnder('race-key-0001')).toHaveLength(1);
  });

  it('keeps the same key from another alarm centre independent', async () => {
    const north = await send(firstCentreKey, 'shared-key-0001', { account: ACCOUNT, reason: 'fall' });
    const south = await send(secondCentreKey, 'shared-key-0001', { account: ACCOUNT, reason: 'personal_emergency' });
    expect(north.statusCode).toBe(202);
    expect(south.statusCode, south.body).toBe(202);
    expect(south.json<AlarmAnswer>().duplicate).toBe(false);
    expect(south.json<AlarmAnswer>().incidentId).not.toBe(north.json<AlarmAnswer>().incidentId);
    expect(await alarmsUnder('shared-key-0001')).toHaveLength(2);
  });
});

describe('webhook times', () => {
  it('stores an occurredAt days in the past as the device time, with the server time as receipt time', async () => {
    const reported = new Date(Date.now() - 3 * DAY);
    reported.setMilliseconds(0);
    const before = Date.now();
    const response = await send(firstCentreKey, 'old-alarm-0001', { account: ACCOUNT, reason: 'fall', occurredAt: reported.toISOString().replace('Z', '+00:00') });
    expect(response.statusCode, response.body).toBe(202);
    const detail = (await coordinator.get(`/api/nightcare/incidents/${response.json<AlarmAnswer>().incidentId}`)).json<IncidentDetail>();
    expect(new Date(detail.incident.occurredAt ?? '').getTime()).toBe(reported.getTime());
    expect(new Date(detail.incident.receivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(detail.incident.receivedAt).getTime()).toBeLessThanOrEqual(Date.now());
    const [alarm] = await alarmsUnder('old-alarm-0001');
    expect(alarm?.occurred_at?.getTime()).toBe(reported.getTime());
    expect(alarm?.received_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('shows no device time for an alarm that reported none', async () => {
    const response = await send(firstCentreKey, 'no-time-0001', { account: ACCOUNT, reason: 'fall' });
    const detail = (await coordinator.get(`/api/nightcare/incidents/${response.json<AlarmAnswer>().incidentId}`)).json<IncidentDetail>();
    expect(detail.incident.occurredAt).toBeNull();
  });

  it('refuses an occurredAt beyond the margin in the future with 400 on the field, storing nothing', async () => {
    const response = await send(firstCentreKey, 'future-0001', { account: ACCOUNT, reason: 'fall', occurredAt: new Date(Date.now() + DAY).toISOString() });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ path: 'body.occurredAt', code: 'in_future', message: expect.stringMatching(/120 seconds/) as string }] } });
    expect(await alarmsUnder('future-0001')).toHaveLength(0);
  });

  it('accepts an occurredAt a little ahead of the server, within the margin', async () => {
    const response = await send(firstCentreKey, 'skew-0001', { account: ACCOUNT, reason: 'fall', occurredAt: new Date(Date.now() + 30_000).toISOString() });
    expect(response.statusCode, response.body).toBe(202);
  });
});

describe('webhookAlarmInput', () => {
  const now = new Date('2026-12-04T03:00:00Z');
  const request = (occurredAt: string | undefined, futureMarginSeconds: number) => ({
    allianceId: 'a',
    organisationId: 'centre',
    idempotencyKey: 'k',
    body: { account: ACCOUNT, reason: 'fall' as const, qualifier: 'new' as const, ...(occurredAt !== undefined && { occurredAt }) },
    now,
    futureMarginSeconds,
  });

  it('takes the receipt time from the server and keeps the reported time apart', () => {
    const input = webhookAlarmInput(request('2026-12-01T03:00:00+01:00', 120));
    expect(input.receivedAt).toEqual(now);
    expect(input.occurredAt).toEqual(new Date('2026-12-01T02:00:00Z'));
    expect(input.dedupKey).toBe('centre:k');
  });

  it('holds to the margin it is given', () => {
    expect(() => webhookAlarmInput(request('2026-12-04T03:00:10Z', 5))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
    expect(webhookAlarmInput(request('2026-12-04T03:00:10Z', 10)).occurredAt).toEqual(new Date('2026-12-04T03:00:10Z'));
  });

  it('fingerprints the body by value, not by key order', () => {
    const a = requestHash({ account: ACCOUNT, reason: 'fall', qualifier: 'new', note: 'x' });
    expect(requestHash({ note: 'x', qualifier: 'new', reason: 'fall', account: ACCOUNT })).toBe(a);
    expect(requestHash({ account: ACCOUNT, reason: 'fall', qualifier: 'new', note: 'y' })).not.toBe(a);
  });
});

describe('WEBHOOK_FUTURE_MARGIN_SECONDS', () => {
  it('defaults to two minutes, takes a number of seconds and refuses anything else at start', () => {
    expect(readConfig({}).webhookFutureMarginSeconds).toBe(120);
    expect(readConfig({ WEBHOOK_FUTURE_MARGIN_SECONDS: '30' }).webhookFutureMarginSeconds).toBe(30);
    expect(() => readConfig({ WEBHOOK_FUTURE_MARGIN_SECONDS: 'two minutes' })).toThrow();
    expect(() => readConfig({ WEBHOOK_FUTURE_MARGIN_SECONDS: '-5' })).toThrow();
  });
});
