import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { appliedMigrations, quoteIdent, tablesInLoadOrder } from './catalog.js';
import { MAGIC, type BackupManifest } from './format.js';

export interface BackupSummary {
  readonly file: string;
  readonly tables: number;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * Writes a consistent backup of the database at `url` (one REPEATABLE READ, read-only snapshot, so a
 * running server may keep writing) to `file`, gzip-compressed. Needs a role that may read every table:
 * the owner (DATABASE_OWNER_URL) or the embedded superuser.
 */
export async function backupDatabase(url: string, file: string, auditCheckpoint?: string): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out = new PassThrough();
  const written = pipeline(out, createGzip({ level: 6 }), createWriteStream(file, { mode: 0o600 }));
  let rows = 0;
  let bytes = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInLoadOrder(client);
    const manifest: BackupManifest = { createdAt: new Date().toISOString(), migrations: await appliedMigrations(client), tables, ...(auditCheckpoint && { auditCheckpoint }) };
    await write(out, `${MAGIC}\n${JSON.stringify(manifest)}\n`);
    for (const table of tables) {
      await write(out, `T ${table.name}\n`);
      const columns = table.columns.map(quoteIdent).join(', ');
      // A partitioned table is copied through a query (COPY reads plain tables only), its months together.
      const source = table.partitions ? `(SELECT ${columns} FROM ${quoteIdent(table.name)})` : `${quoteIdent(table.name)} (${columns})`;
      const copy = client.query(copyTo(`COPY ${source} TO STDOUT`));
      let tableRows = 0;
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        tableRows += countLines(chunk);
        bytes += chunk.length;
        await write(out, `C ${chunk.length}\n`);
        await write(out, chunk);
      }
      rows += tableRows;
      await write(out, `E ${tableRows}\n`);
    }
    await client.query('COMMIT');
    out.end();
    await written;
    return { file, tables: tables.length, rows, bytes };
  } catch (error) {
    out.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function write(stream: PassThrough, data: string | Buffer): Promise<void> {
  return stream.write(data) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
}

/** COPY text has one row per line; newlines inside values are escaped as \n. */
function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}
