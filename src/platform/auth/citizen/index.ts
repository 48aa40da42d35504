export { ensureCitizen, findCitizen, findCitizenByEmail, normaliseEmail, type CitizenAccount } from './accounts.js';
export { CITIZEN_COOKIE, installCitizenAuthentication, requireCitizen, type CitizenSession } from './sessions.js';
export { sendSignInLink, SIGN_IN_LINK_MINUTES, type SignInDeps } from './sign-in.js';
export { DEFAULT_SIGN_IN_THROTTLE, type SignInThrottle } from './throttle.js';
export { citizenAuthRoutes, type CitizenRouteOptions } from './routes.js';
