export { auditRoutes } from './routes.js';
// The person's own "who looked at my data", which a care circle shows them.
export { clientTrail } from './service.js';
export { auditEntryOut, type AuditEntryOut } from './schemas.js';
