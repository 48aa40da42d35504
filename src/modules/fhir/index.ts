export { fhirPlugin, FHIR_PREFIX } from './plugin.js';
export { machineClientRoutes } from './auth/registration.js';
// The ANW façade (module anw) answers on the same machine-client tokens and in the same OperationOutcomes.
export { installBearerTokens } from './auth/token-routes.js';
export { scopesAllowRead, scopesAllowWrite } from './auth/scopes.js';
export { FHIR_JSON, installOutcomeHandler } from './outcome.js';
export { instant, ref, SYSTEM, type Reference, type Resource } from './resource.js';
export { fhirImportPlugin, importLimits, sweepImports, type FhirImportOptions } from './import/plugin.js';
// One R4 validator for every module that reads or writes FHIR (medcom, the tests).
export { r4Issues, r4Problems, type R4Issue } from './validate.js';
