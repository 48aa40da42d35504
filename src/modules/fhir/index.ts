export { fhirPlugin, FHIR_PREFIX } from './plugin.js';
export { machineClientRoutes } from './auth/registration.js';
