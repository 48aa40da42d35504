// `npm run audit:archive -- --before 2021-01`: moves the audit log's months before that month out of the
// live log into audit_log_archive (a detach and an attach, as the owner; nothing is copied or deleted),
// so the screens query five years, not all of history, and `npm run audit:verify` still checks every
// archived entry against its link in the chain. Months within the retention stay.
//   DATABASE_OWNER_URL / DATABASE_URL   as for backup (else the embedded PostgreSQL in DATA_DIR)
//   AUDIT_RETENTION_MONTHS              months kept live, at least and by default 60 (five years)
import { parseArgs } from 'node:util';
import { archiveAuditMonths, MINIMUM_RETENTION_MONTHS } from '../src/platform/audit/index.js';
import { createDb } from '../src/platform/db/index.js';
import { databaseTarget } from './database-target.js';

const { values } = parseArgs({ options: { before: { type: 'string' } } });
const month = /^(\d{4})-(\d{2})$/.exec(values.before ?? '');
const retentionMonths = Number(process.env.AUDIT_RETENTION_MONTHS ?? MINIMUM_RETENTION_MONTHS);
if (!month || !Number.isInteger(retentionMonths)) {
  console.error('Usage: npm run audit:archive -- --before YYYY-MM   (AUDIT_RETENTION_MONTHS: whole months, at least 60)');
  process.exit(2);
}
const before = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
const target = await databaseTarget();
const { db } = createDb(target.url, 2);
try {
  const archived = await archiveAuditMonths(db, before, { retentionMonths });
  for (const a of archived) console.log(`${a.partition}: ${a.entries} entries archived (${a.from.toISOString().slice(0, 7)})`);
  console.log(archived.length ? `${archived.length} months moved to audit_log_archive.` : `No live month ends before ${values.before}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.destroy();
  await target.release();
}
