export * from './context.js';
export {
  authorizeClients,
  decideClientAccess,
  type AccessBasis,
  type AccessRequest,
  type ClientAccessLevel,
  type ClientPermit,
} from './client-access.js';
export { SHARING_PURPOSE } from './caller-facts.js';
export { authorizeIndexSearch, INDEX_SEARCH_MAX_MATCHES, type IndexSearch } from './index-search.js';
export { withClientAccess } from './with-client-access.js';
export * from './grants.js';
