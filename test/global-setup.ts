import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureAppLogin, migrate, startEmbeddedPostgres, type EmbeddedServer } from '../src/platform/db/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
    /** The login the apps under test use: a member of samenzorg_app, owning nothing. */
    appLogin: { user: string; password: string };
  }
}

/**
 * One PostgreSQL for the whole run: the external one from DATABASE_URL, or an embedded one in a
 * temporary directory. A migrated template database lets each test file clone a fresh database fast.
 * The administrator owns and migrates the databases; the apps run as a member of samenzorg_app.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedServer | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-test-'));
    await fs.chmod(tempDir, 0o755);
    server = await startEmbeddedPostgres({ databaseDir: path.join(tempDir, 'pg'), persistent: false });
    adminUrl = server.adminUrl;
  }
  const templateDatabase = `sz_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await migrate(templateUrl.toString());
  // The suite runs every app as the role production uses, so it proves the migrations' grants suffice.
  const appLogin = { user: 'samenzorg_test_app', password: 'samenzorg-test-app' };
  await ensureAppLogin(templateUrl.toString(), appLogin.user, appLogin.password);
  project.provide('appLogin', appLogin);
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sz_test_${process.pid}_%' OR datname = $1`, [templateDatabase]);
    for (const row of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await cleanup.end();
    await server?.stop();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  };
}
