export { hashPassword, verifyPassword, dummyHash } from './passwords.js';
export { newTotpSecret, totpUri, matchTotp, currentTotp } from './totp.js';
export { createSession, userContext, hashToken, sessionCookieIsSecure, SESSION_COOKIE, SESSION_HOURS, type CookieSecure, type SessionState } from './sessions.js';
export { newApiKey, apiKeyContext } from './api-keys.js';
export { installAuthentication, requireContext, requireRole, requireUser, type RequestAuth } from './request-context.js';
export { installRefusalAudit } from './refusal-audit.js';
export { actionReceipts } from './action-receipts.js';
