import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/index.js';
import { createDb } from '../db/index.js';
import { appendAudit } from './append.js';
import { auditKeysFrom, auditKeysOf, withAuditKeys } from './audit-keys.js';

// No query runs in these tests: the pool is never connected.
const { db } = createDb('postgres://nobody@127.0.0.1:1/none', 1);
afterAll(() => db.destroy());
const keys = () => auditKeysFrom(new SecretBox(randomBytes(32).toString('hex')));

describe('audit keys travel with the database handle', () => {
  it('gives each app its own key on handles of one pool, kept when further plugins are added', () => {
    const [a, b] = [keys(), keys()];
    const appA = withAuditKeys(db, a);
    const appB = withAuditKeys(db, b);
    expect(auditKeysOf(appA).entry.equals(a.entry)).toBe(true);
    expect(auditKeysOf(appB).entry.equals(b.entry)).toBe(true);
    expect(auditKeysOf(appA.withPlugin({ transformQuery: (x) => x.node, transformResult: (x) => Promise.resolve(x.result) })).entry.equals(a.entry)).toBe(true);
  });

  it('refuses to write an entry on a handle without keys, before any statement', async () => {
    await expect(appendAudit(db, [{ allianceId: null, userId: null, userName: 'x', organisationId: null, role: 'nurse', clientId: null, clientOrganisationId: null, action: 'read', resource: 'client', fields: [], purpose: null, reason: null, grantId: null, outcome: 'allowed' }])).rejects.toThrow(/carries no audit keys/);
  });

  it('keeps a handle that already carries the same keys, and refuses to give it other keys', () => {
    const k = keys();
    const wrapped = withAuditKeys(db, k);
    expect(withAuditKeys(wrapped, k)).toBe(wrapped);
    expect(() => withAuditKeys(wrapped, keys())).toThrow(/other audit keys/);
  });
});
