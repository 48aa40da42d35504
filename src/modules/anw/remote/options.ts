/**
 * The seam to the Nuts network. Where an alliance runs a Nuts node, it issues the access token for a
 * request to an organisation's ANW source; this function asks it. Tests and closed networks hand in
 * their own. Unset, requests go without a token.
 */
export interface AnwOptions {
  sourceToken?: (sourceOrganisationId: string) => Promise<string | undefined>;
  /** How long a read-through summary is served from the assignment's cache before the source is asked again. */
  summaryFreshSeconds?: number;
  /** Off for tests that drive `followAssignments` themselves or press the manual route only. */
  followAssignments?: boolean;
  /** How often each instance looks for new assignment events; 2 s by default (one indexed query). */
  followEveryMs?: number;
}
