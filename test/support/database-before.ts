import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/**
 * A database as it stood before migration `before` (e.g. '0044'): the earlier migrations applied and recorded,
 * so an upgrade test can write the old shape through `client` (the owner's; the caller ends it) and then run
 * `migrate(url)`. `drop` removes the database.
 */
export async function createDatabaseBefore(before: string): Promise<{ url: string; client: pg.Client; drop: () => Promise<void> }> {
  const name = `sz_test_${inject('templateDatabase').replace('sz_template_', '')}_before${before}_${randomBytes(3).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('CREATE TABLE schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of (await fs.readdir(MIGRATIONS)).filter((f) => /^\d{4}_.+\.sql$/.test(f) && f < before).sort()) {
    await client.query(await fs.readFile(path.join(MIGRATIONS, file), 'utf8'));
    await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
  }
  return { url: url.toString(), client, drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
