// `npm run restore -- <file>`: restores a backup into an empty database (a stopped server's embedded
// PostgreSQL after its data directory was moved away, or a new external database), then appends the
// backup's audit checkpoint to the checkpoint file so `npm run audit:verify` checks the restored chain.
import fs from 'node:fs/promises';
import path from 'node:path';
import { restoreDatabase, RestoreRefused } from '../src/platform/backup/index.js';
import { databaseTarget } from './database-target.js';

const file = process.argv[2];
if (!file) {
  console.error('Give the backup file: npm run restore -- <file>');
  process.exit(2);
}
const target = await databaseTarget();
try {
  const summary = await restoreDatabase(target.url, path.resolve(file));
  console.log(`Restored ${summary.rows} rows in ${summary.tables} tables from ${file}.`);
  if (summary.auditCheckpoint) {
    const checkpoints = process.env.AUDIT_CHECKPOINTS?.split(',')[0] ?? path.join(target.dataDir, 'audit-checkpoints.jsonl');
    const present = await fs.readFile(checkpoints, 'utf8').catch(() => '');
    if (!present.includes(summary.auditCheckpoint)) await fs.appendFile(checkpoints, `${summary.auditCheckpoint}\n`);
    console.log(`The backup's audit checkpoint is in ${checkpoints}: run npm run audit:verify to check the restored chain.`);
  }
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`Not restored: ${error.message}`);
  process.exitCode = 1;
} finally {
  await target.release();
}
