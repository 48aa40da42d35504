export { appendAudit, sealAudit, startAuditSealer, verifyAuditChain, type AuditEntry, type ChainVerification } from './audit-log.js';
