// `npm run backup [-- file]`: a consistent, compressed backup of the whole database, with the newest
// signed audit checkpoint. Default file: DATA_DIR/backups/samenzorg-<time>.backup.gz. See the README, "Backups".
import fs from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from '../src/platform/backup/index.js';
import { databaseTarget } from './database-target.js';

const target = await databaseTarget();
try {
  const file = path.resolve(process.argv[2] ?? path.join(target.dataDir, 'backups', `samenzorg-${new Date().toISOString().replace(/[:.]/g, '-')}.backup.gz`));
  await fs.mkdir(path.dirname(file), { recursive: true });
  const checkpoints = process.env.AUDIT_CHECKPOINTS?.split(',')[0] ?? path.join(target.dataDir, 'audit-checkpoints.jsonl');
  const newest = (await fs.readFile(checkpoints, 'utf8').catch(() => '')).trim().split('\n').at(-1) || undefined;
  const summary = await backupDatabase(target.url, file, newest);
  const size = (await fs.stat(file)).size;
  console.log(`Backup written: ${file} (${summary.tables} tables, ${summary.rows} rows, ${(size / 2 ** 20).toFixed(1)} MB compressed)`);
  if (!newest) console.warn(`No audit checkpoint found in ${checkpoints}: the backup carries none.`);
} finally {
  await target.release();
}
