export { hashPassword, verifyPassword, dummyHash } from './passwords.js';
export { newTotpSecret, totpUri, matchTotp, currentTotp } from './totp.js';
export { createSession, teamAlliance, userContext, hashToken, sessionCookieIsSecure, SESSION_COOKIE, SESSION_HOURS, type CookieSecure, type SessionState } from './sessions.js';
export { newApiKey, apiKeyContext } from './api-keys.js';
export { installAuthentication, requireContext, requireRole, requireUser, type RequestAuth } from './request-context.js';
export { installRefusalAudit } from './refusal-audit.js';
export { afterSessionChange, SESSION_CACHE_MAX_AGE_MS } from './session-cache.js';
/**
 * Citizen sign-in (clients and informal caregivers; not staff). For modules:
 * - `ensureCitizen(db, { allianceId, email, name, language })`: the account of an address, made when missing.
 * - `sendSignInLink({ db, secretBox, mailer }, account, next?)`: mails a single-use link (15 minutes);
 *   `next` is the web app path the citizen lands on once signed in (e.g. `/burger/aanvragen/<id>`).
 * - `requireCitizen(request)`: the signed-in `CitizenSession` ({ citizenId, name, email, language,
 *   allianceId }) or 401. Staff routes use `requireContext`, which never returns a citizen; a citizen
 *   route uses `requireCitizen`, which never accepts a staff session. Scope every read by `citizenId`.
 * Routes: POST /api/citizen/sign-in, GET|POST /api/citizen/sign-in/confirm, GET /api/citizen/me,
 * POST /api/citizen/sign-out, POST /api/citizen/totp/setup|enable.
 */
export {
  citizenAuthRoutes,
  ensureCitizen,
  findCitizen,
  installCitizenAuthentication,
  requireCitizen,
  sendSignInLink,
  DEFAULT_SIGN_IN_THROTTLE,
  SIGN_IN_LINK_MINUTES,
  type CitizenAccount,
  type CitizenSession,
  type SignInThrottle,
} from './citizen/index.js';
export { actionReceipts } from './action-receipts.js';
