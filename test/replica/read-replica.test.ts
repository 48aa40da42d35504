/**
 * The app on a primary with a streaming replica (DATABASE_URL and REPLICA_DATABASE_URL, both as a
 * superuser; `.ci/run` starts the pair with `pg_basebackup -R`). Replay on the replica is paused while
 * something is written, so a read that still misses the write was answered by the replica, and one
 * that sees it was answered by the primary.
 */
import { createMailer } from '../../src/platform/mail/index.js';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { auditKeysFrom, withAuditKeys } from '../../src/platform/audit/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import { login, type Session, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { createNightWorld, type NightWorld } from '../support/night-world.js';
import { addUser, validClient } from '../support/world.js';

const replicaAdminUrl = process.env.REPLICA_DATABASE_URL;
const NIGHT = '2027-03-27';

/** The same database and role as `appUrl`, on the replica's host and port. */
function onReplica(appUrl: string, replicaUrl: string): string {
  const url = new URL(appUrl);
  const replica = new URL(replicaUrl);
  url.hostname = replica.hostname;
  url.port = replica.port;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!replicaAdminUrl)('a read replica (skipped unless REPLICA_DATABASE_URL names a streaming replica of DATABASE_URL; .ci/run starts one)', () => {
  const admin = replicaAdminUrl ?? '';
  let t: TestApp;
  let replicaDb: Db;
  let night: NightWorld;
  let orgAdmin: Session;
  let homeCoordinator: Session;
  let close: (() => Promise<void>) | undefined;

  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const [primary] = await query<{ lsn: string }>(t.url, 'SELECT pg_current_wal_lsn()::text AS lsn');
    await until('replay', async () => (await query<{ ok: boolean }>(admin, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [primary?.lsn]))[0]?.ok === true);
  };
  const pauseReplay = async () => {
    await query(admin, 'SELECT pg_wal_replay_pause()');
    await until('pause', async () => (await query<{ state: string }>(admin, 'SELECT pg_get_wal_replay_pause_state() AS state'))[0]?.state === 'paused');
  };
  const resumeReplay = () => query(admin, 'SELECT pg_wal_replay_resume()');

  beforeAll(async () => {
    const database = await createTestDatabase();
    const replicaUrl = onReplica(database.appUrl, admin);
    await until('the test database on the replica', async () => (await query(replicaUrl, 'SELECT 1')).length === 1);
    const secretBox = new SecretBox(randomBytes(32).toString('hex'));
    const keys = auditKeysFrom(secretBox);
    const db = withAuditKeys(createDb(database.url, 5).db, keys);
    const appDb = withAuditKeys(createDb(database.appUrl, 10).db, keys);
    ({ db: replicaDb } = createDb(replicaUrl, 5));
    const mailer = createMailer(appDb, { from: 'Samenzorg test <noreply@samenzorg.test>', publicUrl: 'http://127.0.0.1' });
    const deps = { db: appDb, readDb: replicaDb, secretBox, databaseUrl: database.appUrl, mailer };
    const app = await buildApp({ ...deps, logLevel: process.env.TEST_LOG ?? 'silent' });
    t = { app, db, deps, url: database.url };
    night = await createNightWorld(t);
    await db.updateTable('alliance').set({ planned_visits_enabled: true }).where('id', '=', night.world.allianceId).execute();
    orgAdmin = await login(app, await addUser(db, deps.secretBox, night.world.homeOrg, ['organisation_admin'], 'replica-admin'));
    homeCoordinator = await login(app, await addUser(db, deps.secretBox, night.world.homeOrg, ['coordinator'], 'replica-home'));
    close = async () => {
      await app.close();
      await replicaDb.destroy();
      await appDb.destroy();
      await db.destroy();
      await database.drop();
    };
    await caughtUp();
  });

  afterAll(async () => {
    // Replay stays paused after a failure mid-test otherwise, and every later run would wait for it.
    await resumeReplay();
    await close?.();
  });

  it('reads through a connection to a server in recovery, and writes through one to the primary', async () => {
    const recovery = async (db: Db) => (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(db)).rows[0]?.r;
    expect(await recovery(replicaDb)).toBe(true);
    expect(await recovery(t.deps.db)).toBe(false);
  });

  it('answers the board, the client list, the audit log and the planning night from the replica while writes succeed on the primary', async () => {
    const client = await night.addClient(night.world.homeOrg, { familyName: 'Replicaatje' });
    const visitBody = { clientId: client.id, night: NIGHT, task: 'Turn', windowStart: '01:00', windowEnd: '02:00', durationMinutes: 15 };
    await caughtUp();
    const boardIds = async () => (await night.coordinator.get('/api/nightcare/incidents')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    const clientIds = async () => (await homeCoordinator.get('/api/clients?q=replicaatje')).json<{ items: { id: string }[] }>().items.map((c) => c.id);
    const auditIds = async () => (await orgAdmin.get('/api/audit?limit=200')).json<{ items: { id: number }[] }>().items.map((e) => e.id);
    const nightVisits = async () => (await night.coordinator.get(`/api/planning/nights/${NIGHT}`)).json<{ visits: { id: string }[] }>().visits.map((v) => v.id);
    await auditIds();
    await caughtUp();

    await pauseReplay();
    // Listing the audit log adds entries about the listing itself; these, like the writes below, reach
    // the primary only.
    const auditAtPause = Math.max(...(await auditIds()));
    // Writes on the primary succeed while the replica stands still.
    const created = await night.coordinator.post('/api/nightcare/incidents', { clientId: client.id, reason: 'fall', callerName: 'Buurvrouw' });
    expect(created.statusCode, created.body).toBe(201);
    const incidentId = created.json<{ incidentId: string }>().incidentId;
    const moved = await homeCoordinator.post('/api/clients', validClient({ familyName: 'Replicaatje' }));
    expect(moved.statusCode, moved.body).toBe(201);
    const secondClient = moved.json<{ id: string }>().id;
    const visit = await homeCoordinator.post('/api/planning/visits', visitBody);
    expect(visit.statusCode, visit.body).toBe(201);
    const visitId = visit.json<{ id: string }>().id;
    // A read that must see its own write stays on the primary: the incident's detail shows it.
    expect((await night.coordinator.get(`/api/nightcare/incidents/${incidentId}`)).statusCode).toBe(200);

    // The read paths do not see them: they were answered by the paused replica.
    expect(await boardIds()).not.toContain(incidentId);
    expect(await clientIds()).toEqual([client.id]);
    expect(await nightVisits()).not.toContain(visitId);
    expect(Math.max(...(await auditIds()))).toBe(auditAtPause);
    const newer = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${auditAtPause}`.execute(t.db);
    expect(newer.rows[0]?.n).toBeGreaterThan(0);

    await resumeReplay();
    await caughtUp();
    expect(await boardIds()).toContain(incidentId);
    expect((await clientIds()).sort()).toEqual([client.id, secondClient].sort());
    expect(await nightVisits()).toContain(visitId);
    expect(Math.max(...(await auditIds()))).toBeGreaterThan(auditAtPause);
  });

  it('is refused a write on the read connection by PostgreSQL', async () => {
    await expect(sql`INSERT INTO alliance (name, region) VALUES ('Through the replica', 'Nowhere')`.execute(replicaDb)).rejects.toThrow(/read-only transaction/);
    await expect(sql`UPDATE client SET family_name = 'x'`.execute(replicaDb)).rejects.toThrow(/read-only transaction/);
  });
});
