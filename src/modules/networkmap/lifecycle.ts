import type { InitiativeStatus } from './tables.js';

/** Who decides at a step: the region's network coordinator first, then (optionally) the national body. */
export type ModerationLevel = 'network' | 'national';
export type Decision = 'accept' | 'escalate' | 'ask_changes' | 'reject';

/**
 * Two-level moderation as a table: for each state, which level decides and where each decision leads.
 * `escalate` is the coordinator's acceptance with a request for the national body's view (Agora/Fibula).
 * A state not listed takes no decisions: an unconfirmed call waits for its e-mail link, a request for
 * changes waits for the submitter, and accepted or rejected initiatives are settled.
 */
export const moderation: Partial<Record<InitiativeStatus, { level: ModerationLevel; next: Partial<Record<Decision, InitiativeStatus>> }>> = {
  submitted: { level: 'network', next: { accept: 'accepted', escalate: 'national_review', ask_changes: 'changes_requested', reject: 'rejected' } },
  national_review: { level: 'national', next: { accept: 'accepted', ask_changes: 'changes_requested', reject: 'rejected' } },
};

/** Decisions that must say why: the submitter reads the reason. */
export const needsReason = (decision: Decision) => decision === 'ask_changes' || decision === 'reject';

/** The state a decision leads to, or undefined when that level may not take it now. */
export function decide(status: InitiativeStatus, level: ModerationLevel, decision: Decision): InitiativeStatus | undefined {
  const step = moderation[status];
  return step?.level === level ? step.next[decision] : undefined;
}

/** States in which the submitter may still change the text through the private link. */
export const editableBySubmitter: readonly InitiativeStatus[] = ['submitted', 'changes_requested', 'accepted'];
