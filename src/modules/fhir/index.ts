export { fhirPlugin, FHIR_PREFIX } from './plugin.js';
