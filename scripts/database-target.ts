// Which database the operator tools (backup, restore) work on, as the owner: DATABASE_OWNER_URL or
// DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR: the running server's, or started
// here for the duration when no server runs (the data directory's lock keeps a server from starting meanwhile).
import path from 'node:path';
import pg from 'pg';
import { embeddedPort, embeddedUrl, startEmbeddedPostgres } from '../src/platform/db/index.js';

export interface DatabaseTarget {
  readonly url: string;
  readonly dataDir: string;
  /** Stops the embedded PostgreSQL when this tool started it. */
  release(): Promise<void>;
}

const DATABASE = 'samenzorg';

export async function databaseTarget(): Promise<DatabaseTarget> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  const external = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (external) return { url: external, dataDir, release: () => Promise.resolve() };
  const databaseDir = path.join(dataDir, 'pg');
  const port = await embeddedPort(databaseDir);
  if (port !== undefined && (await answers(embeddedUrl(port, 'postgres')))) return { url: embeddedUrl(port, DATABASE), dataDir, release: () => Promise.resolve() };
  const server = await startEmbeddedPostgres({ databaseDir, persistent: true });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return { url: server.urlFor(DATABASE), dataDir, release: () => server.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
