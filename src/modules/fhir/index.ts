export { fhirPlugin, FHIR_PREFIX } from './plugin.js';
export { machineClientRoutes } from './auth/registration.js';
export { fhirImportPlugin, sweepImports, type FhirImportOptions } from './import/plugin.js';
