import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '../db/index.js';
import { appliedMigrations, quoteIdent } from './catalog.js';
import { MAGIC, type BackupManifest } from './format.js';

export interface RestoreSummary {
  readonly tables: number;
  readonly rows: number;
  readonly auditCheckpoint?: string;
}

/** Tables a fresh migration fills by itself; every other table must be empty before a restore. */
const WRITTEN_BY_MIGRATIONS: ReadonlySet<string> = new Set(['audit_legacy_boundary']);

/** Thrown for a backup this database cannot take: another schema version, or data already present. */
export class RestoreRefused extends Error {}

/**
 * Restores a backup into the database at `ownerUrl`: migrates it to the backup's schema, refuses
 * unless the migrations match and the data tables are empty, then loads every table in one
 * transaction (all or nothing) and moves each sequence past the restored ids.
 */
export async function restoreDatabase(ownerUrl: string, file: string): Promise<RestoreSummary> {
  const reader = new FrameReader(createReadStream(file).pipe(createGunzip()));
  if ((await reader.line()) !== MAGIC) throw new RestoreRefused(`${file} is not a Samenzorg backup`);
  const manifest = JSON.parse(await reader.line()) as BackupManifest;
  await migrate(ownerUrl);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let rows = 0;
  try {
    const applied = await appliedMigrations(client);
    if (applied.join() !== manifest.migrations.join()) {
      throw new RestoreRefused(`The backup was made at migration ${manifest.migrations.at(-1) ?? '(none)'}, this database is at ${applied.at(-1) ?? '(none)'}: restore with the same version of Samenzorg.`);
    }
    await client.query('BEGIN');
    for (const table of manifest.tables) {
      const filled = await client.query(`SELECT 1 FROM ${quoteIdent(table.name)} LIMIT 1`);
      if (filled.rowCount === 0) continue;
      if (!WRITTEN_BY_MIGRATIONS.has(table.name)) throw new RestoreRefused(`The database already holds data (${table.name}): restore into an empty database.`);
      // The migrations' own bookkeeping makes way for the backup's.
      await client.query(`DELETE FROM ${quoteIdent(table.name)}`);
    }
    // The audit log's months as the backup had them, archived ones included, through the migration's
    // own function so their grants and triggers are those of any month.
    for (const table of manifest.tables) {
      for (const partition of table.partitions ?? []) {
        await client.query('SELECT audit_create_partition($1::regclass, $2::date, $3)', [table.name, partition.from.slice(0, 10), partition.name]);
      }
    }
    for (const table of manifest.tables) {
      const header = await reader.line();
      if (header !== `T ${table.name}`) throw new RestoreRefused(`The backup is damaged: expected table ${table.name}, found "${header}"`);
      const columns = table.columns.map(quoteIdent).join(', ');
      // The rows go back exactly as they were saved: triggers that keep derived tables (the evaluation's
      // roll-ups, the map's counts) must not count them a second time, as those tables are restored too.
      // The audit log (partitioned) keeps its triggers: they only guard it against changes.
      const keepsTriggers = table.partitions !== undefined;
      if (!keepsTriggers) await client.query(`ALTER TABLE ${quoteIdent(table.name)} DISABLE TRIGGER USER`);
      const copy = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columns}) FROM STDIN`));
      rows += await pipelineChunks(reader, copy);
      if (!keepsTriggers) await client.query(`ALTER TABLE ${quoteIdent(table.name)} ENABLE TRIGGER USER`);
    }
    await moveSequences(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { tables: manifest.tables.length, rows, ...(manifest.auditCheckpoint && { auditCheckpoint: manifest.auditCheckpoint }) };
}

/** Streams one table's chunks into its COPY and returns the row count the backup recorded. */
async function pipelineChunks(reader: FrameReader, copy: NodeJS.WritableStream): Promise<number> {
  let recorded = -1;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const line = await reader.line();
      if (line.startsWith('E ')) {
        recorded = Number(line.slice(2));
        return;
      }
      if (!line.startsWith('C ')) throw new RestoreRefused(`The backup is damaged near "${line.slice(0, 40)}"`);
      yield await reader.bytes(Number(line.slice(2)));
    }
  }
  await pipeline(Readable.from(chunks()), copy);
  return recorded;
}

/** Serial ids go on after the restored ones, so the next insert does not collide. */
async function moveSequences(client: pg.ClientBase): Promise<void> {
  const owned = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const { seq, tbl, col } of owned.rows) {
    await client.query(`SELECT setval($1, coalesce((SELECT max(${quoteIdent(col)}) FROM ${quoteIdent(tbl)}), 0) + 1, false)`, [seq]);
  }
}

/** Reads the backup's lines and byte-counted chunks from a stream. */
class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(stream: NodeJS.ReadableStream) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  async line(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(10);
      if (end >= 0) {
        const line = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 1);
        return line;
      }
      if (!(await this.fill())) throw new RestoreRefused('The backup ends early: it is incomplete');
    }
  }

  async bytes(count: number): Promise<Buffer> {
    while (this.buffer.length < count) if (!(await this.fill())) throw new RestoreRefused('The backup ends early: it is incomplete');
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }
}
