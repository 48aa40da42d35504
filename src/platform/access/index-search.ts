import { appendAudit } from '../audit/index.js';
import type { Executor } from '../db/index.js';
import { loadCallerFacts } from './caller-facts.js';
import { authorizeClients, type ClientPermit } from './client-access.js';
import { hasRole, primaryRole, type AccessContext } from './context.js';

/** A search of the index answers with this many clients at most: enough to pick one, never a list to browse. */
export const INDEX_SEARCH_MAX_MATCHES = 5;

export interface IndexSearch {
  allianceId: string;
  /** What the search serves: linking an open `incident`, or a `phone_call`. */
  purpose: 'incident' | 'phone_call';
  /** The criteria as asked, with the incident or the caller's number: kept in the search's audit entry. */
  query: Record<string, string>;
}

export type IndexSearchOutcome = { permits: ClientPermit[]; tooMany: boolean };

/**
 * The identification index across organisations (DESIGN.md §6): only the night coordinator on duty
 * (a coordinator in the alliance's night team while its night shift runs) searches it, for a purpose.
 * Candidates are looked for only then; more than a handful answer nothing (the caller narrows the
 * search). The search itself is audited with its query and the ids it returned, besides the entry per
 * client shown. Returns undefined when the caller may not search; the caller commits, then refuses.
 */
export async function authorizeIndexSearch(
  trx: Executor,
  ctx: AccessContext,
  search: IndexSearch,
  findCandidates: (limit: number) => Promise<string[]>,
): Promise<IndexSearchOutcome | undefined> {
  // The index is the night team's (DESIGN.md §6): its agreements and its team decide.
  const caller = await loadCallerFacts(trx, ctx, [], 'nightcare');
  const onDuty = ctx.actorKind === 'user' && hasRole(ctx, 'coordinator') && ctx.allianceIds.includes(search.allianceId) && caller.onDuty.has(search.allianceId);
  if (!onDuty) {
    await auditSearch(trx, ctx, search, 'refused', []);
    return undefined;
  }
  const candidates = await findCandidates(INDEX_SEARCH_MAX_MATCHES + 1);
  if (candidates.length > INDEX_SEARCH_MAX_MATCHES) {
    await auditSearch(trx, ctx, search, 'allowed', []);
    return { permits: [], tooMany: true };
  }
  const fields = ['name', 'date_of_birth', 'address', 'alarm_account'];
  const permitted = await authorizeClients(trx, ctx, candidates, { level: 'identification', action: 'index_search', resource: 'identification', fields, purpose: search.purpose });
  const permits = [...permitted.values()].filter((p) => p.allianceId === search.allianceId);
  await auditSearch(trx, ctx, search, 'allowed', permits.map((p) => p.clientId));
  return { permits, tooMany: false };
}

const auditSearch = (trx: Executor, ctx: AccessContext, search: IndexSearch, outcome: 'allowed' | 'refused', returned: string[]) =>
  appendAudit(trx, [
    {
      // A refused search names no alliance the caller is not a member of.
      allianceId: ctx.allianceIds.includes(search.allianceId) ? search.allianceId : null,
      userId: ctx.actorId,
      userName: ctx.actorName,
      organisationId: ctx.organisationId,
      role: primaryRole(ctx),
      clientId: null,
      clientOrganisationId: null,
      action: 'index_search',
      resource: 'identification_index',
      fields: Object.keys(search.query),
      purpose: search.purpose,
      reason: JSON.stringify({ query: search.query, returned }),
      grantId: null,
      outcome,
    },
  ]);
