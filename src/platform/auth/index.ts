export { hashPassword, verifyPassword, dummyHash } from './passwords.js';
export { newTotpSecret, totpUri, verifyTotp, currentTotp } from './totp.js';
export { createSession, userContext, hashToken, SESSION_COOKIE, SESSION_HOURS, type SessionState } from './sessions.js';
export { newApiKey, apiKeyContext } from './api-keys.js';
export { installAuthentication, requireContext, requireRole, requireUser, type RequestAuth } from './request-context.js';
export { installRefusalAudit } from './refusal-audit.js';
