export { appendAudit, withAuditEntries, type AuditEntry, type AuditWritingCreator } from './append.js';
export { auditKeysFrom, withAuditKeys, type AuditKeys } from './audit-keys.js';
export { SealFloor, sealAudit, startAuditSealer, type SealResult } from './sealer.js';
export { appendCheckpoint, chainHeads, readCheckpoints, signCheckpoint, startAuditAnchoring, type Checkpoint } from './checkpoints.js';
export { verifyAuditLog, type AuditVerification, type TamperFinding, type TamperKind } from './verify.js';
export { auditActions, auditResources, auditActionSchema, auditResourceSchema, type AuditAction, type AuditResource, type RefusedRoute } from './vocabulary.js';
export { ensureAuditPartitions, startAuditPartitioning, PARTITION_MONTHS_AHEAD } from './partitions.js';
export { archiveAuditMonths, retentionFloor, MINIMUM_RETENTION_MONTHS, type ArchivedMonth } from './archive.js';
