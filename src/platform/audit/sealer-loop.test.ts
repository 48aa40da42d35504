import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { SecretBox } from '../crypto/index.js';
import { createDb, type Db } from '../db/index.js';
import { appendAudit, auditKeysFrom, startAuditSealer, verifyAuditLog, withAuditKeys, type AuditEntry } from './index.js';

// The background sealer on a database of its own (no app beside it, whose sealer would take the work).
const keys = auditKeysFrom(new SecretBox(randomBytes(32).toString('hex')));
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = withAuditKeys(createDb(database.appUrl, 2).db, keys);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

const entry = (userName: string): AuditEntry => ({ allianceId: null, userId: null, userName, organisationId: null, role: 'nurse', clientId: null, clientOrganisationId: null, action: 'read', resource: 'client', fields: [], purpose: null, reason: null, grantId: null, outcome: 'allowed' });
const sealedCount = async () => Number((await db.selectFrom('audit_seal').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the background sealer', () => {
  it('works through a backlog in small passes one after another, without waiting for its interval', async () => {
    await appendAudit(db, Array.from({ length: 7 }, (_, i) => entry(`backlog ${i}`)));
    const errors: unknown[] = [];
    // The interval never comes round during the test: only the pass at start and those that follow it run.
    const stop = startAuditSealer(db, keys, { onError: (error) => errors.push(error), onRejected: () => undefined }, { intervalMs: 600_000, batch: 2 });
    try {
      await expect.poll(sealedCount, { timeout: 20_000, interval: 50 }).toBe(7);
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
    expect(await verifyAuditLog(db, keys)).toMatchObject({ ok: true, checked: 7 });
  });
});
