// `npm run audit:verify`: checks the audit log's keyed chains against the signed checkpoints, reading
// only (the connection is read-only), and exits non-zero on any finding.
//   DATABASE_URL        the database (any role that may read the audit tables)
//   SECRET_KEY          the server's key (else DATA_DIR/secret.key, as the embedded default keeps it)
//   AUDIT_CHECKPOINTS   checkpoint files, comma-separated (else DATA_DIR/audit-checkpoints.jsonl)
import fs from 'node:fs/promises';
import path from 'node:path';
import { auditKeysFrom, readCheckpoints, verifyAuditLog } from '../src/platform/audit/index.js';
import { SecretBox } from '../src/platform/crypto/index.js';
import { createDb } from '../src/platform/db/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to verify (the embedded one prints its URL at start).');
  process.exit(2);
}
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const secretKey = process.env.SECRET_KEY ?? (await fs.readFile(path.join(dataDir, 'secret.key'), 'utf8').catch(() => '')).trim();
if (!/^[0-9a-f]{64}$/i.test(secretKey)) {
  console.error(`Set SECRET_KEY (64 hex characters), or DATA_DIR to where secret.key is kept (${dataDir}).`);
  process.exit(2);
}
const files = (process.env.AUDIT_CHECKPOINTS ?? path.join(dataDir, 'audit-checkpoints.jsonl')).split(',').filter(Boolean);
const present = (await Promise.all(files.map((f) => fs.access(f).then(() => f, () => undefined)))).filter((f): f is string => f !== undefined);
for (const missing of files.filter((f) => !present.includes(f))) console.warn(`No checkpoint file ${missing}: truncation of the newest entries cannot be detected without it.`);
const { checkpoints, unreadable } = await readCheckpoints(present);

const readOnly = new URL(url);
readOnly.searchParams.set('options', '-c default_transaction_read_only=on');
const { db } = createDb(readOnly.toString(), 2);
const result = await verifyAuditLog(db, auditKeysFrom(new SecretBox(secretKey)), checkpoints).finally(() => db.destroy());

console.log(`${result.checked} sealed entries verified against ${result.checkpoints} checkpoints; ${result.pending} genuine entries not sealed yet.`);
if (unreadable) console.error(`${unreadable} checkpoint lines could not be read.`);
for (const f of result.findings) {
  const where = f.seq === null ? `unsealed entry ${f.auditId ?? '?'}` : `first bad sequence number ${f.seq}${f.auditId === null ? '' : ` (entry ${f.auditId})`}`;
  console.error(`TAMPERED: ${f.kind} in chain ${f.chain || '(no alliance)'}: ${where}`);
}
if (result.ok && !unreadable) console.log('Audit log intact.');
process.exit(result.ok && !unreadable ? 0 : 1);
