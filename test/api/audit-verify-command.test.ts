import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, appendCheckpoint, auditKeysFrom, chainHeads, sealAudit, signCheckpoint, withAuditKeys } from '../../src/platform/audit/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { createTestDatabase } from '../support/database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const secretKey = randomBytes(32).toString('hex');
const keys = auditKeysFrom(new SecretBox(secretKey));
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: Db;
let app: Db;
let dir: string;

/** `npm run audit:verify` as an auditor runs it: the read-only check, the key and the checkpoint file. */
function verify(): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DATABASE_URL: database.appUrl, SECRET_KEY: secretKey, AUDIT_CHECKPOINTS: path.join(dir, 'checkpoints.jsonl') };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

const count = async (table: 'audit_log' | 'audit_seal') => Number((await owner.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createDb(database.url, 2).db;
  app = withAuditKeys(createDb(database.appUrl, 2).db, keys);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-verify-'));
  for (let i = 0; i < 5; i++) {
    await appendAudit(app, [{ allianceId: null, userId: null, userName: `user ${i}`, organisationId: null, role: 'nurse', clientId: null, clientOrganisationId: null, action: 'read', resource: 'client', fields: [], purpose: null, reason: null, grantId: null, outcome: 'allowed' }]);
  }
  expect((await sealAudit(app, keys)).sealed).toBe(5);
  await appendCheckpoint(path.join(dir, 'checkpoints.jsonl'), signCheckpoint(keys, new Date(), await chainHeads(app)));
});

afterAll(async () => {
  await app.destroy();
  await owner.destroy();
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('npm run audit:verify', () => {
  it('passes an intact log, and exits 1 naming truncation and its first missing sequence number', async () => {
    const intact = await verify();
    expect(intact.out).toContain('Audit log intact');
    expect(intact.code).toBe(0);
    await owner.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_seal DISABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
      const gone = await sql<{ audit_id: number }>`DELETE FROM audit_seal WHERE seq > 3 RETURNING audit_id`.execute(trx);
      await sql`DELETE FROM audit_log WHERE id = ANY(${gone.rows.map((r) => r.audit_id)}::bigint[])`.execute(trx);
      await sql`ALTER TABLE audit_seal ENABLE TRIGGER USER`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    });
    const truncated = await verify();
    expect(truncated.out).toContain('TAMPERED: truncation in chain (no alliance): first bad sequence number 4');
    expect(truncated.code).toBe(1);
  });

  it('only reads: a forged entry stays unsealed and is reported, not blessed', async () => {
    await sql`INSERT INTO audit_log (at, user_name, action, resource, fields, outcome) VALUES (now() - interval '1 day', 'forger', 'read', 'client', '{}', 'allowed')`.execute(owner);
    const before = [await count('audit_log'), await count('audit_seal')];
    const result = await verify();
    expect(result.out).toMatch(/TAMPERED: insertion in chain \(no alliance\): unsealed entry \d+/);
    expect(result.code).toBe(1);
    expect([await count('audit_log'), await count('audit_seal')]).toEqual(before);
  });
});
