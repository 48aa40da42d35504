import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createWorld } from '../../../../test/support/world.js';
import { loadAlarmKeys, removeAlarmKey, setAlarmKey } from './keys.js';

const hex = (key: Uint8Array | undefined) => key && Buffer.from(key).toString('hex');

let t: TestApp;
let allianceId: string;
let otherAllianceId: string;

beforeAll(async () => {
  t = await startTestApp();
  allianceId = (await createWorld(t.db)).allianceId;
  otherAllianceId = (await createWorld(t.db)).allianceId;
});

describe('alarm keys', () => {
  it('stores a key sealed, per alliance, and serves it from memory by account in any case', async () => {
    const key = randomBytes(32).toString('hex');
    await setAlarmKey(t.deps, allianceId, 'ab12', key);
    const row = await t.db.selectFrom('alarm_key').selectAll().where('alliance_id', '=', allianceId).where('account', '=', 'AB12').executeTakeFirstOrThrow();
    expect(row.key_enc).not.toContain(key);
    const cache = await loadAlarmKeys(t.deps, allianceId);
    const other = await loadAlarmKeys(t.deps, otherAllianceId);
    try {
      expect(hex(cache.lookup('ab12'))).toBe(key);
      expect(hex(cache.lookup('AB12'))).toBe(key);
      expect(other.lookup('AB12')).toBeUndefined();
    } finally {
      cache.stop();
      other.stop();
    }
  });

  it('picks up new, replaced and removed keys on refresh', async () => {
    const cache = await loadAlarmKeys(t.deps, allianceId);
    try {
      const first = randomBytes(16).toString('hex');
      await setAlarmKey(t.deps, allianceId, 'CD34', first);
      expect(cache.lookup('CD34')).toBeUndefined();
      await cache.refresh();
      expect(hex(cache.lookup('CD34'))).toBe(first);
      const second = randomBytes(24).toString('hex');
      await setAlarmKey(t.deps, allianceId, 'CD34', second);
      await cache.refresh();
      expect(hex(cache.lookup('CD34'))).toBe(second);
      await removeAlarmKey(t.deps, allianceId, 'cd34');
      await cache.refresh();
      expect(cache.lookup('CD34')).toBeUndefined();
    } finally {
      cache.stop();
    }
  });

  it('reloads by itself on its interval', async () => {
    const cache = await loadAlarmKeys(t.deps, allianceId, { refreshMs: 50 });
    try {
      const key = randomBytes(16).toString('hex');
      await setAlarmKey(t.deps, allianceId, 'EF56', key);
      await expect.poll(() => hex(cache.lookup('EF56'))).toBe(key);
    } finally {
      cache.stop();
    }
  });

  it('keeps the keys it has when a reload fails', async () => {
    const key = randomBytes(16).toString('hex');
    await setAlarmKey(t.deps, allianceId, 'AA77', key);
    const deps: PlatformDeps = { ...t.deps };
    const cache = await loadAlarmKeys(deps, allianceId);
    try {
      const { db } = createDb(t.url, 1);
      // Kysely connects lazily: use the pool once so destroy() really closes it.
      await db.selectFrom('alarm_key').select('account').limit(1).execute();
      await db.destroy();
      deps.db = db;
      await expect(cache.refresh()).rejects.toThrow();
      expect(hex(cache.lookup('AA77'))).toBe(key);
    } finally {
      cache.stop();
    }
  });

  it('refuses keys of the wrong length and malformed accounts', async () => {
    await expect(setAlarmKey(t.deps, allianceId, 'AB12', 'abcd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(setAlarmKey(t.deps, allianceId, 'AB-12', randomBytes(16).toString('hex'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
