import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { appRoleWarnings } from './roles.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});

const privilege = async (table: string, kind: string) =>
  (await sql<{ ok: boolean }>`SELECT has_table_privilege(current_user, ${table}, ${kind}) AS ok`.execute(t.deps.db)).rows[0]?.ok;

describe("the app's database role", () => {
  it('is no superuser and owns nothing, while the owner role is warned about', async () => {
    expect(await appRoleWarnings(t.deps.databaseUrl)).toEqual([]);
    const owned = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'USAGE') AND c.relnamespace = 'public'::regnamespace`.execute(t.deps.db);
    expect(owned.rows[0]?.n).toBe(0);
    expect((await appRoleWarnings(t.url)).join()).toMatch(/superuser|owns/);
  });

  it('may only insert and read the audit tables', async () => {
    for (const table of ['audit_log', 'audit_seal']) {
      expect([await privilege(table, 'INSERT'), await privilege(table, 'SELECT')]).toEqual([true, true]);
      expect([await privilege(table, 'UPDATE'), await privilege(table, 'DELETE'), await privilege(table, 'TRUNCATE')]).toEqual([false, false, false]);
    }
    await expect(sql`UPDATE audit_log SET user_name = 'x'`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM audit_seal`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_log`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
  });

  it('cannot switch off the append-only triggers or change the schema', async () => {
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.deps.db)).rejects.toThrow(/must be owner/);
    await expect(sql`DROP TRIGGER audit_seal_no_update ON audit_seal`.execute(t.deps.db)).rejects.toThrow(/must be owner/);
    await expect(sql`SET session_replication_role = replica`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
    await expect(sql`CREATE TABLE sneaky (id int)`.execute(t.deps.db)).rejects.toThrow(/permission denied/);
  });

  it('reads and writes the data tables, also those of later migrations (default privileges)', async () => {
    for (const table of ['client', 'incident', 'planned_visit', 'alarm_key']) {
      expect([await privilege(table, 'SELECT'), await privilege(table, 'INSERT'), await privilege(table, 'UPDATE'), await privilege(table, 'DELETE')]).toEqual([true, true, true, true]);
    }
    expect(await privilege('schema_migration', 'SELECT')).toBe(false);
    // A table the owner makes later gets the data grants without a GRANT of its own.
    await sql`CREATE TABLE later_feature (id int)`.execute(t.db);
    expect(await privilege('later_feature', 'INSERT')).toBe(true);
  });
});
