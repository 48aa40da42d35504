import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { SecretBox } from '../crypto/index.js';
import { createDb, migrate, withCredentials, type Db } from '../db/index.js';
import { auditKeysFrom, sealAudit, verifyAuditLog } from './index.js';

// A database that lived before migration 0008 (entries without MACs) is upgraded in place: its
// entries join the keyed chain, and nothing MAC-less written after the upgrade does.
const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const keys = auditKeysFrom(new SecretBox(randomBytes(32).toString('hex')));
const name = `sz_test_${inject('templateDatabase').replace('sz_template_', '')}_legacy${randomBytes(3).toString('hex')}`;
let owner: Db;
let app: Db;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

const legacyEntry = (userName: string) => sql`
  INSERT INTO audit_log (at, user_name, role, action, resource, fields, outcome) VALUES (now(), ${userName}, 'nurse', 'read', 'client', '{}', 'allowed')`;

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('CREATE TABLE schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of (await fs.readdir(MIGRATIONS)).filter((f) => /^\d{4}_.+\.sql$/.test(f) && f < '0008').sort()) {
    await client.query(await fs.readFile(path.join(MIGRATIONS, file), 'utf8'));
    await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
  }
  await client.end();
  owner = createDb(url.toString(), 2).db;
  for (const user of ['before 1', 'before 2', 'before 3']) await legacyEntry(user).execute(owner);
  await migrate(url.toString());
  const { user, password } = inject('appLogin');
  app = createDb(withCredentials(url.toString(), user, password), 2).db;
});

afterAll(async () => {
  await app.destroy();
  await owner.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
