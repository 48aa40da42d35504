import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, restoreDatabase, RestoreRefused } from '../../src/platform/backup/index.js';
import { auditKeysFrom, sealAudit, verifyAuditLog } from '../../src/platform/audit/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createNightWorld } from '../support/night-world.js';

let t: TestApp;
let dir: string;
let file: string;
const restored: { name: string; url: string; db: Db }[] = [];

/** An empty database beside the test's own, as after wiping the server. */
async function emptyDatabase(): Promise<{ url: string; db: Db }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `sz_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db } = createDb(url.toString(), 2);
  restored.push({ name, url: url.toString(), db });
  return { url: url.toString(), db };
}

const counts = async (db: Db) =>
  (
    await sql<Record<string, string>>`SELECT (SELECT count(*) FROM client) AS clients, (SELECT count(*) FROM alarm) AS alarms,
      (SELECT count(*) FROM incident) AS incidents, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM audit_seal) AS seals,
      (SELECT count(*) FROM evaluation_reach) AS reach_rollups`.execute(db)
  ).rows[0];

/**
 * Seals until no entry is left unsealed. One call may find the app's own background sealer holding the
 * lock and seal nothing; that sealer would then seal the rest between the test's counts and its backup.
 */
async function sealEverything(): Promise<void> {
  const unsealed = sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)`;
  const until = Date.now() + 15_000;
  for (;;) {
    await sealAudit(t.db, auditKeysFrom(t.deps.secretBox));
    if ((await unsealed.execute(t.db)).rows[0]?.n === 0) return;
    if (Date.now() > until) throw new Error('audit entries stayed unsealed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  // Nothing may change the counted rows between the test's counts and its backup: no timer sweeps.
  t = await startTestApp({ nightcareSweeps: false });
  const night = await createNightWorld(t);
  const client = await night.addClient(night.world.homeOrg, { familyName: 'Terugzet' });
  await night.runIncident(client.account, { report: { actions: ['Geholpen na val'], minutesOnSite: 20, followUpNeeded: false } });
  await night.runIncident(client.account, { open: true });
  await sealEverything();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-backup-'));
  file = path.join(dir, 'samenzorg.backup.gz');
});

afterAll(async () => {
  const adminUrl = inject('postgresAdminUrl');
  for (const r of restored) await r.db.destroy();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const r of restored) await admin.query(`DROP DATABASE IF EXISTS ${r.name} WITH (FORCE)`);
  await admin.end();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every client, alarm, incident and audit entry into an empty database, with the audit chain verifying', async () => {
    const before = await counts(t.db);
    expect(Number(before?.incidents)).toBe(2);
    // A table kept by triggers (the evaluation's reach per area, from the clients) comes back as it was, not counted twice.
    expect(Number(before?.reach_rollups)).toBeGreaterThan(0);
    const backup = await backupDatabase(t.url, file);
    expect(backup.rows).toBeGreaterThan(0);

    const target = await emptyDatabase();
    const summary = await restoreDatabase(target.url, file);
    expect(summary.tables).toBe(backup.tables);
    expect(await counts(target.db)).toEqual(before);
    const client = await target.db.selectFrom('client').select(['family_name']).where('family_name', '=', 'Terugzet').executeTakeFirst();
    expect(client?.family_name).toBe('Terugzet');
    const verification = await verifyAuditLog(target.db, auditKeysFrom(t.deps.secretBox));
    expect(verification.findings).toEqual([]);
    expect(verification.checked).toBe(Number(before?.seals));
    // Serial ids continue after the restored ones: a new audit entry does not collide.
    const ids = await sql<{ next: string; max: string }>`SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS next, (SELECT max(id) FROM audit_log) AS max`.execute(target.db);
    expect(Number(ids.rows[0]?.next)).toBeGreaterThan(Number(ids.rows[0]?.max));
  });

  it('refuses to restore over data, and leaves that data as it was', async () => {
    const target = await emptyDatabase();
    await restoreDatabase(target.url, file);
    const before = await counts(target.db);
    await expect(restoreDatabase(target.url, file)).rejects.toThrow(RestoreRefused);
    expect(await counts(target.db)).toEqual(before);
  });

  it('refuses a cut-off backup without leaving half a database', async () => {
    const whole = gunzipSync(await fs.readFile(file));
    const cut = path.join(dir, 'cut.backup.gz');
    await fs.writeFile(cut, gzipSync(whole.subarray(0, Math.floor(whole.length * 0.8))));
    const target = await emptyDatabase();
    await expect(restoreDatabase(target.url, cut)).rejects.toThrow(/incomplete|damaged/);
    expect(Number((await counts(target.db))?.clients)).toBe(0);
  });
});
