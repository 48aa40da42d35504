import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-on-demand.js';
import { migrate } from './migrate.js';
import { ensureAppLogin, withCredentials } from './roles.js';

export interface ScratchDatabase {
  /** As the owner: migrations, fixtures, checks. */
  url: string;
  /** As a login role of the app's group, which owns nothing: what a server under test should use. */
  appUrl: string;
  /** A temporary directory, removed by drop(): for the caller's own files too. */
  dir: string;
  /** Drops the database, or stops the embedded PostgreSQL and removes its directory. */
  drop(): Promise<void>;
}

/**
 * A throwaway, migrated database for benchmarks and tools: a fresh database on the server of
 * DATABASE_URL when set, else an embedded PostgreSQL in a temporary directory.
 */
export async function startScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `samenzorg-${prefix}-`));
  // The embedded server runs as an unprivileged user when we are root: it must reach its directory.
  await fs.chmod(dir, 0o755);
  const external = process.env.DATABASE_URL;
  const embedded = external ? undefined : await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), persistent: false });
  const adminUrl = external ?? embedded!.adminUrl;
  const name = `sz_${prefix.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  // A login role of its own: roles are cluster-wide, and scratch databases may exist side by side.
  const appLogin = { user: `${name}_app`, password: randomBytes(12).toString('hex') };
  await ensureAppLogin(adminUrl, appLogin.user, appLogin.password);
  return {
    url: url.toString(),
    appUrl: withCredentials(url.toString(), appLogin.user, appLogin.password),
    dir,
    drop: async () => {
      if (embedded) await embedded.stop();
      else {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin(`DROP ROLE IF EXISTS ${appLogin.user}`);
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
