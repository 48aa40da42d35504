// Logical backups of the whole database (tables as COPY text, gzip), and their restore.
export { backupDatabase, type BackupSummary } from './dump.js';
export { restoreDatabase, RestoreRefused, type RestoreSummary } from './restore.js';
