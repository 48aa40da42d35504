export * from './context.js';
export {
  authorizeClients,
  decideClientAccess,
  SHARING_PURPOSE,
  type AccessBasis,
  type AccessRequest,
  type ClientAccessLevel,
  type ClientPermit,
} from './client-access.js';
export { withClientAccess } from './with-client-access.js';
export * from './grants.js';
