import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabaseBefore } from '../../../test/support/database-before.js';
import { SecretBox } from '../crypto/index.js';
import { createDb, migrate, withCredentials, type Db } from '../db/index.js';
import { auditKeysFrom, sealAudit, verifyAuditLog } from './index.js';

// A database that lived before migration 0008 (entries without MACs) is upgraded in place: its
// entries join the keyed chain, and nothing MAC-less written after the upgrade does.
const keys = auditKeysFrom(new SecretBox(randomBytes(32).toString('hex')));
let owner: Db;
let app: Db;
let drop: () => Promise<void>;

const legacyEntry = (userName: string) => sql`
  INSERT INTO audit_log (at, user_name, role, action, resource, fields, outcome) VALUES (now(), ${userName}, 'nurse', 'read', 'client', '{}', 'allowed')`;

beforeAll(async () => {
  const database = await createDatabaseBefore('0008');
  drop = database.drop;
  const { client, url } = database;
  await client.end();
  owner = createDb(url, 2).db;
  for (const user of ['before 1', 'before 2', 'before 3']) await legacyEntry(user).execute(owner);
  await migrate(url);
  const { user, password } = inject('appLogin');
  app = createDb(withCredentials(url, user, password), 2).db;
});

afterAll(async () => {
  await app.destroy();
  await owner.destroy();
  await drop?.();
});

describe('upgrading a database with entries from before keyed MACs', () => {
  it('seals the earlier entries into the keyed chain and verifies them', async () => {
    expect(await sealAudit(app, keys)).toMatchObject({ sealed: 3, rejected: [] });
    expect(await verifyAuditLog(app, keys)).toMatchObject({ ok: true, checked: 3, findings: [] });
  });

  it('refuses a MAC-less entry written after the upgrade', async () => {
    const forged = await legacyEntry('after').execute(owner);
    expect(forged.numAffectedRows).toBe(1n);
    const result = await sealAudit(app, keys);
    expect(result.sealed).toBe(0);
    expect(result.rejected).toHaveLength(1);
    expect((await verifyAuditLog(app, keys)).findings).toEqual([{ kind: 'insertion', chain: '', seq: null, auditId: result.rejected[0] }]);
  });

  it('reports an earlier entry altered after it was sealed', async () => {
    await owner.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
      await sql`UPDATE audit_log SET user_name = 'rewritten' WHERE user_name = 'before 2'`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    });
    expect((await verifyAuditLog(app, keys)).findings).toContainEqual(expect.objectContaining({ kind: 'alteration', chain: '', seq: 2 }));
  });
});
