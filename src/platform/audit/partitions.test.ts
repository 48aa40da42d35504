import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createWorld } from '../../../test/support/world.js';
import type { Db } from '../db/index.js';
import { archiveAuditMonths, auditKeysFrom, ensureAuditPartitions, sealAudit, verifyAuditLog, type AuditKeys } from './index.js';
import { entryMac } from './hash-chain.js';

let t: TestApp;
let keys: AuditKeys;

beforeAll(async () => {
  t = await startTestApp();
  keys = auditKeysFrom(t.deps.secretBox);
});

const partitionsOf = async (parent: string) =>
  (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${parent}::regclass ORDER BY 1`.execute(t.db)).rows.map((r) => r.name);

const monthName = (date: Date) => `audit_log_${date.getUTCFullYear()}_${String(date.getUTCMonth() + 1).padStart(2, '0')}`;

/** Genuine entries (MACed with the app's key) at a moment in the past, as if written then. */
async function entriesAt(allianceId: string, at: Date, n: number): Promise<void> {
  await sql`SELECT audit_create_partition('audit_log', ${at.toISOString().slice(0, 7) + '-01'}::date)`.execute(t.db);
  const rows = Array.from({ length: n }, (_, i) => {
    const fields = { at, allianceId, userId: null, userName: `nurse ${i}`, organisationId: null, role: 'nurse', clientId: null, clientOrganisationId: null, action: 'read', resource: 'night_summary', fields: [], purpose: 'assignment', reason: null, grantId: null, outcome: 'allowed' as const };
    const nonce = randomBytes(16).toString('base64url');
    return { at, alliance_id: allianceId, user_name: fields.userName, role: 'nurse', action: 'read', resource: 'night_summary', fields: [], purpose: 'assignment', outcome: 'allowed' as const, nonce, mac: entryMac(keys.entry, nonce, fields) };
  });
  await t.deps.db.insertInto('audit_log').values(rows).execute();
}

async function sealAll(db: Db): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await sealAudit(db, keys);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)`.execute(db);
    if (left.rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('entries stayed unsealed');
}

describe('the audit log by month', () => {
  it('is partitioned by month, with this month and three ahead ready, made once however many instances ask at once', async () => {
    const kind = await sql<{ relkind: string }>`SELECT relkind FROM pg_class WHERE oid = 'audit_log'::regclass`.execute(t.db);
    expect(kind.rows[0]?.relkind).toBe('p');
    const made = await Promise.all([ensureAuditPartitions(t.deps.db, 6), ensureAuditPartitions(t.deps.db, 6), ensureAuditPartitions(t.deps.db, 6)]);
    const now = new Date();
    const wanted = Array.from({ length: 7 }, (_, i) => monthName(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))));
    expect(await partitionsOf('audit_log')).toEqual(expect.arrayContaining(wanted));
    // Migration and start made up to three ahead; of the rest, each month was made by exactly one caller.
    expect(made.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    expect(await ensureAuditPartitions(t.deps.db, 6)).toBe(0);
  });

  it("gives the app's role no way into a month's partition but through the log itself", async () => {
    const month = monthName(new Date());
    for (const kind of ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) {
      const ok = await sql<{ ok: boolean }>`SELECT has_table_privilege(current_user, ${month}, ${kind}) AS ok`.execute(t.deps.db);
      expect([kind, ok.rows[0]?.ok]).toEqual([kind, false]);
    }
    await expect(sql`SELECT audit_create_partition('audit_log', '2001-01-01'::date)`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE ${sql.id(month)}`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('refuses an entry for a month that has no partition rather than losing it', async () => {
    const { allianceId } = await createWorld(t.db);
    const at = new Date('1990-06-15T12:00:00Z');
    await expect(t.deps.db.insertInto('audit_log').values({ at, alliance_id: allianceId, action: 'read', resource: 'client', fields: [], outcome: 'allowed' }).execute()).rejects.toThrow(/no partition/);
  });
});

describe('archiving old months', () => {
  it('moves months before the cutoff to the archive, off the live log, and the chain still verifies through them', async () => {
    const { allianceId } = await createWorld(t.db);
    await entriesAt(allianceId, new Date('2019-11-20T10:00:00Z'), 3);
    await entriesAt(allianceId, new Date('2019-12-31T23:59:59Z'), 2);
    await entriesAt(allianceId, new Date('2020-01-01T00:00:01Z'), 2);
    await sealAll(t.deps.db);
    const before = await verifyAuditLog(t.deps.db, keys);
    expect(before.ok).toBe(true);

    const archived = await archiveAuditMonths(t.db, new Date('2020-01-01T00:00:00Z'), { retentionMonths: 60 });
    expect(archived.map((a) => [a.partition, a.entries])).toEqual([['audit_log_2019_11', 3], ['audit_log_2019_12', 2]]);
    expect(await partitionsOf('audit_log_archive')).toEqual(['audit_log_2019_11', 'audit_log_2019_12']);
    expect(await partitionsOf('audit_log')).toContain('audit_log_2020_01');
    const live = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('alliance_id', '=', allianceId).executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(2);
    const ledger = await t.deps.db.selectFrom('audit_archive_ledger').select(['partition_name', 'entries']).orderBy('partition_name').execute();
    expect(ledger.map((l) => [l.partition_name, Number(l.entries)])).toEqual([['audit_log_2019_11', 3], ['audit_log_2019_12', 2]]);

    const after = await verifyAuditLog(t.deps.db, keys);
    expect(after).toMatchObject({ ok: true, checked: before.checked });
  });

  it('finds an archived entry that was removed, as a deletion in its chain', async () => {
    const { allianceId } = await createWorld(t.db);
    await entriesAt(allianceId, new Date('2018-03-10T08:00:00Z'), 4);
    await sealAll(t.deps.db);
    await archiveAuditMonths(t.db, new Date('2018-04-01T00:00:00Z'), { retentionMonths: 60 });
    await t.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log_2018_03 DISABLE TRIGGER USER`.execute(trx);
      await sql`DELETE FROM audit_log_2018_03 WHERE user_name = 'nurse 2'`.execute(trx);
      await sql`ALTER TABLE audit_log_2018_03 ENABLE TRIGGER USER`.execute(trx);
    });
    const result = await verifyAuditLog(t.deps.db, keys);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deletion', chain: allianceId })]);
  });

  it('keeps the months within the retention period in the live log, and refuses a retention under five years', async () => {
    const now = new Date('2026-12-05T00:00:00Z');
    await expect(archiveAuditMonths(t.db, new Date('2022-01-01T00:00:00Z'), { retentionMonths: 60, now })).rejects.toThrow(/within the retention/);
    await expect(archiveAuditMonths(t.db, new Date('2021-01-01T00:00:00Z'), { retentionMonths: 24, now })).rejects.toThrow(/at least 60 months/);
    await expect(archiveAuditMonths(t.db, new Date('2021-12-01T00:00:00Z'), { retentionMonths: 60, now })).resolves.toBeDefined();
  });
});
