// `npm run audit:verify`: recomputes the audit log's hash chains and exits non-zero when one is broken.
import { sealAudit, verifyAuditChain } from '../src/platform/audit/index.js';
import { createDb } from '../src/platform/db/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to verify (the embedded one prints its URL at start).');
  process.exit(2);
}
const { db } = createDb(url, 2);
while ((await sealAudit(db)) > 0);
const result = await verifyAuditChain(db);
await db.destroy();
if (result.ok) console.log(`Audit log intact: ${result.checked} entries verified.`);
else console.error(`Audit log TAMPERED: entry ${result.brokenAt?.id} (${result.brokenAt?.problem}) after ${result.checked} intact entries.`);
process.exit(result.ok ? 0 : 1);
