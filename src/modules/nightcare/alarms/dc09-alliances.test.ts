import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { transmitContactId } from '../../../../test/support/dc09-transmitter.js';
import { createWorld, type World } from '../../../../test/support/world.js';
import { setAlarmKey } from './keys.js';
import { startAlarmReceiver, type AlarmReceiver } from './dc09-intake.js';

let t: TestApp;
let fallback: World;
let other: World;
let receiver: AlarmReceiver;

/** The kind of the receiver's reply to one frame (decrypted with the frame's own key). */
const transmit = async (account: string, key?: Buffer) => (await transmitContactId(receiver.port, account, { key, replyKey: key })).kind;

const allianceOfAlarm = async (account: string) => (await t.db.selectFrom('alarm').select('alliance_id').where('account', '=', account).execute()).map((a) => a.alliance_id);
const supervise = (allianceId: string, account: string) => t.db.insertInto('supervised_source').values({ alliance_id: allianceId, kind: 'dc09', source: account, due_at: new Date(Date.now() + 86_400_000) }).execute();

beforeAll(async () => {
  t = await startTestApp();
  fallback = await createWorld(t.db);
  other = await createWorld(t.db);
  await supervise(other.allianceId, 'B0A1');
  await supervise(other.allianceId, 'D0D4');
  await supervise(fallback.allianceId, 'D0D4');
  receiver = await startAlarmReceiver(t.deps, { allianceId: fallback.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 200, dispatch: false });
});

afterAll(async () => {
  await receiver.close();
});

describe('one DC-09 receiver for every alliance', () => {
  it('stores an account’s alarm in the alliance that registered it for supervision', async () => {
    expect(await transmit('B0A1')).toBe('ack');
    expect(await allianceOfAlarm('B0A1')).toEqual([other.allianceId]);
  });

  it('opens an encrypted frame with the key of the alliance that holds it, and stores the alarm there', async () => {
    const key = randomBytes(16);
    await setAlarmKey(t.deps, other.allianceId, 'B0E2', key.toString('hex'));
    await receiver.keys.refresh();
    expect(await transmit('B0E2', key)).toBe('ack');
    expect(await allianceOfAlarm('B0E2')).toEqual([other.allianceId]);
  });

  it('stores an unknown account’s alarm, and an account registered in several alliances, in the receiver’s default alliance', async () => {
    expect(await transmit('C0C3')).toBe('ack');
    expect(await allianceOfAlarm('C0C3')).toEqual([fallback.allianceId]);
    expect(await transmit('D0D4')).toBe('ack');
    expect(await allianceOfAlarm('D0D4')).toEqual([fallback.allianceId]);
  });
});
