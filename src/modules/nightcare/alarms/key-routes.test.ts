import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { transmitContactId } from '../../../../test/support/dc09-transmitter.js';
import { addUser, createWorld, type World } from '../../../../test/support/world.js';
import { startAlarmReceiver, type AlarmReceiver } from './dc09-intake.js';

let t: TestApp;
let world: World;
let otherWorld: World;
let admin: Session;
let nurse: Session;
let otherAdmin: Session;
let receiver: AlarmReceiver;

const URL = '/api/nightcare/alarm-keys';
const hexKey = (bytes: number) => randomBytes(bytes).toString('hex');
const del = (s: Session, url: string) => t.app.inject({ method: 'DELETE', url, headers: { cookie: s.cookie } });
const itemsOf = async (s: Session, query = '') => (await s.get(`${URL}${query}`)).json<{ items: { account: string; bits: number | null; createdAt: string; updatedAt: string }[] }>().items;
const auditOf = (allianceId: string) =>
  t.db.selectFrom('audit_log').select(['action', 'resource', 'reason', 'client_id', 'user_name', 'fields']).where('alliance_id', '=', allianceId).where('resource', '=', 'alarm_key').orderBy('id').execute();

const transmit = (account: string, options: { key?: Buffer; replyKey?: Buffer } = {}) => transmitContactId(receiver.port, account, options);

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  otherWorld = await createWorld(t.db);
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'keyadmin'));
  nurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'keynurse'));
  otherAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, otherWorld.homeOrg, ['alliance_admin'], 'otheradmin'));
  // A reload interval far beyond the test: the key must reach the receiver through the change itself.
  receiver = await startAlarmReceiver(t.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 200, keyRefreshMs: 3_600_000, dispatch: false });
});

afterAll(async () => {
  await receiver.close();
});

describe('alarm account keys', () => {
  it('lets the alliance administrator set a key and lists it without any key material', async () => {
    const key = hexKey(32);
    const response = await admin.post(URL, { account: 'ab12', key });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ account: 'AB12', bits: 256, replaced: false });
    expect(response.body).not.toContain(key);

    const list = await admin.get(URL);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key);
    expect(list.body).not.toContain(key.toUpperCase());
    const stored = await t.db.selectFrom('alarm_key').select('key_enc').where('alliance_id', '=', world.allianceId).where('account', '=', 'AB12').executeTakeFirstOrThrow();
    expect(list.body).not.toContain(stored.key_enc);
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['account', 'bits', 'createdAt', 'updatedAt']);
    expect(items[0]).toMatchObject({ account: 'AB12', bits: 256 });
    expect(items[0]?.updatedAt).toBe(items[0]?.createdAt);
    expect(Number.isNaN(Date.parse(String(items[0]?.createdAt)))).toBe(false);
  });

  it('replaces a key, keeps its creation time, records the replacement time and reports the new length', async () => {
    const before = (await itemsOf(admin)).find((i) => i.account === 'AB12');
    const response = await admin.post(URL, { account: 'AB12', key: hexKey(16) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ account: 'AB12', bits: 128, replaced: true, createdAt: before?.createdAt });
    const [after] = await itemsOf(admin);
    expect(after).toMatchObject({ account: 'AB12', bits: 128, createdAt: before?.createdAt });
    // The replacement shows when the key was rotated.
    expect(Date.parse(after!.updatedAt)).toBeGreaterThan(Date.parse(before!.createdAt));
  });

  it('refuses a key of the wrong length and a malformed account with field errors', async () => {
    const short = await admin.post(URL, { account: 'AB12', key: hexKey(20) });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ path: 'body.key' }] } });
    const notHex = await admin.post(URL, { account: 'AB12', key: 'z'.repeat(32) });
    expect(notHex.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ path: 'body.key' }] } });
    const account = await admin.post(URL, { account: 'A-1', key: hexKey(16) });
    expect(account.statusCode).toBe(400);
    expect(account.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ path: 'body.account' }] } });
    expect((await admin.post(URL, { account: 'AB', key: hexKey(16) })).statusCode).toBe(400);
    expect((await admin.post(URL, { account: '1'.repeat(17), key: hexKey(16) })).statusCode).toBe(400);
    expect(await itemsOf(admin)).toEqual([expect.objectContaining({ account: 'AB12', bits: 128 })]);
  });

  it('refuses a nurse of the same alliance', async () => {
    expect((await nurse.get(URL)).statusCode).toBe(403);
    expect((await nurse.post(URL, { account: 'CD34', key: hexKey(16) })).statusCode).toBe(403);
    expect((await del(nurse, `${URL}/AB12`)).statusCode).toBe(403);
    expect(await itemsOf(admin)).toHaveLength(1);
  });

  it('keeps another alliance’s administrator out of this alliance’s keys', async () => {
    const query = `?allianceId=${world.allianceId}`;
    expect((await otherAdmin.get(`${URL}${query}`)).statusCode).toBe(404);
    expect((await otherAdmin.post(URL, { allianceId: world.allianceId, account: 'AB12', key: hexKey(16) })).statusCode).toBe(404);
    expect((await del(otherAdmin, `${URL}/AB12${query}`)).statusCode).toBe(404);
    // In their own alliance the account has no key: nothing to see or delete.
    expect(await itemsOf(otherAdmin)).toEqual([]);
    expect((await del(otherAdmin, `${URL}/AB12`)).statusCode).toBe(404);
    expect(await itemsOf(admin)).toEqual([expect.objectContaining({ account: 'AB12', bits: 128 })]);
  });

  it('puts an encrypted DC-09 frame through the receiver as soon as the key is set, and stops after delete', async () => {
    const key = randomBytes(24);
    expect(await transmit('C0FFEE', { key })).toMatchObject({ kind: 'duh' });

    const set = await admin.post(URL, { account: 'c0ffee', key: key.toString('hex').toUpperCase() });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ account: 'C0FFEE', bits: 192 });
    expect(await transmit('C0FFEE', { key, replyKey: key })).toMatchObject({ kind: 'ack', encrypted: true, account: 'C0FFEE' });
    // With a key on record, plain text from that account could be forged: refused.
    expect(await transmit('C0FFEE')).toMatchObject({ kind: 'duh' });
    const alarms = await t.db.selectFrom('alarm').select('account').where('alliance_id', '=', world.allianceId).where('account', '=', 'C0FFEE').execute();
    expect(alarms).toHaveLength(1);

    expect((await del(admin, `${URL}/c0ffee`)).statusCode).toBe(204);
    expect((await del(admin, `${URL}/C0FFEE`)).statusCode).toBe(404);
    expect((await itemsOf(admin)).map((i) => i.account)).toEqual(['AB12']);
    expect(await transmit('C0FFEE', { key })).toMatchObject({ kind: 'duh' });
    expect(await transmit('C0FFEE')).toMatchObject({ kind: 'ack' });
  });

  it('writes each change to the audit log without client data or key material', async () => {
    const entries = await auditOf(world.allianceId);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['create', '#AB12 AES-256'],
      ['update', '#AB12 AES-128'],
      ['create', '#C0FFEE AES-192'],
      ['delete', '#C0FFEE'],
    ]);
    expect(entries.every((e) => e.client_id === null && e.user_name?.startsWith('keyadmin'))).toBe(true);
    expect(await auditOf(otherWorld.allianceId)).toEqual([]);
  });
});
