/**
 * The backup file: gzip over a line-framed stream. A header line (`SAMENZORG-BACKUP 1`), one line of
 * JSON (the manifest), then per table `T <name>` followed by chunks `C <bytes>` of PostgreSQL COPY text
 * and an end line `E <rows>`. Framing by byte counts, so table data never needs escaping of its own.
 */
export const MAGIC = 'SAMENZORG-BACKUP 1';

export interface BackupManifest {
  readonly createdAt: string;
  /** Applied migrations, in order: a restore needs exactly these. */
  readonly migrations: readonly string[];
  /** Tables in load order (parents before children), each with the columns copied. */
  readonly tables: readonly { readonly name: string; readonly columns: readonly string[]; readonly partitions?: readonly { readonly name: string; readonly from: string }[] }[];
  /** The newest signed audit checkpoint when one was at hand: proves the restored chain's head. */
  readonly auditCheckpoint?: string;
}
