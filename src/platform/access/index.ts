export * from './context.js';
export {
  authorizeClients,
  decideClientAccess,
  circleScopes,
  type AccessBasis,
  type CircleLevel,
  type CircleScope,
  type AccessRequest,
  type ClientAccessLevel,
  type ClientPermit,
} from './client-access.js';
export { DEFAULT_SHARING_PURPOSE, sharingPurposes, sharingPurposeSchema, type SharingPurpose } from './purposes.js';
export { authorizeIndexSearch, INDEX_SEARCH_MAX_MATCHES, type IndexSearch } from './index-search.js';
export { withClientAccess } from './with-client-access.js';
export { readClientAudited, readClientsAudited, type ClientRowsQuery } from './audited-read.js';
export * from './grants.js';
export { insertConsent, listConsents, recordConsent, withdrawConsent, withdrawConsentsOf, type ConsentLevel, type ConsentRecord, type ConsentRecorder, type ConsentView } from './consent.js';
