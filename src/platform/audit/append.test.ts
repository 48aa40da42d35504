import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { appendAudit, auditKeysFrom, sealAudit, type AuditEntry } from './index.js';

describe('appending audit entries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });

  it('stores a batch as given, in its order, with fields intact, and every entry passes the sealer', async () => {
    const batch = `batch ${randomUUID()}`;
    const clientId = randomUUID();
    const base: AuditEntry = { allianceId: null, userId: null, userName: batch, organisationId: null, role: null, clientId: null, clientOrganisationId: null, action: 'read', resource: 'client', fields: [], purpose: null, reason: null, grantId: null, outcome: 'allowed' };
    // Fields that an array literal or a JSON round trip could mangle: quotes, commas, braces, backslashes, non-ASCII, empty.
    const tricky = ['name', 'a "quoted", field', '{braces}', 'back\\slash', 'ĳsselmeer – één', ''];
    const entries: AuditEntry[] = [
      { ...base, fields: tricky, clientId, purpose: 'nightcare', reason: 'line one\nline two' },
      { ...base, outcome: 'refused', action: 'search', resource: 'identification' },
      { ...base, fields: ['NULL'], role: 'nurse' },
    ];
    await appendAudit(t.deps.db, entries);
    const rows = await t.db.selectFrom('audit_log').select(['id', 'fields', 'client_id', 'purpose', 'reason', 'outcome', 'action', 'resource', 'role', 'mac', 'nonce']).where('user_name', '=', batch).orderBy('id').execute();
    expect(rows.map((r) => ({ fields: r.fields, clientId: r.client_id, purpose: r.purpose, reason: r.reason, outcome: r.outcome, action: r.action, resource: r.resource, role: r.role }))).toEqual(
      entries.map((e) => ({ fields: e.fields, clientId: e.clientId, purpose: e.purpose, reason: e.reason, outcome: e.outcome, action: e.action, resource: e.resource, role: e.role })),
    );
    expect(new Set(rows.map((r) => r.nonce)).size).toBe(3);
    // The app's own sealer may hold the lock or get there first; either way a rejected entry (a MAC
    // that does not match what was stored) is never sealed.
    const sealed = async () => {
      await sealAudit(t.deps.db, auditKeysFrom(t.deps.secretBox), { afterId: rows[0]!.id - 1 });
      return (await t.db.selectFrom('audit_seal').select('audit_id').where('audit_id', 'in', rows.map((r) => r.id)).execute()).length;
    };
    await expect.poll(sealed, { timeout: 10_000 }).toBe(3);
  });
});
