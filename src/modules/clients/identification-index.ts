import { authorizeIndexSearch, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { forbidden } from '../../platform/http/index.js';
import type { Identification, IndexCriteria } from './schemas.js';
import * as store from './store.js';
import { identificationView } from './views.js';

export interface IndexSearchRequest {
  allianceId: string;
  /** Checked by the caller (night care): the open incident to link, or a phone call. */
  purpose: 'incident' | 'phone_call';
  incidentId?: string;
  /** The number a phone call came from; kept with the search in the audit log. */
  callerPhone?: string;
  criteria: IndexCriteria;
}

/**
 * Links an alarm or a phone call to a client: a search of the alliance's identification index by the
 * night coordinator on duty (platform/access decides and audits). Answers a handful of clients at most,
 * or `tooMany` when the criteria fit more.
 */
export async function searchIdentificationIndex(deps: PlatformDeps, ctx: AccessContext, request: IndexSearchRequest): Promise<{ items: Identification[]; tooMany: boolean }> {
  const query = Object.fromEntries(Object.entries({ ...request.criteria, incidentId: request.incidentId, callerPhone: request.callerPhone }).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const search = { allianceId: request.allianceId, purpose: request.purpose, query };
    const result = await authorizeIndexSearch(trx, ctx, search, (limit) => store.indexCandidates(trx, request.allianceId, request.criteria, limit));
    if (!result) return undefined;
    const rows = await store.identificationRows(trx, result.permits);
    return { items: rows.map((row) => identificationView(row, ctx)), tooMany: result.tooMany };
  });
  // After the commit, so the refused search stays in the audit log.
  if (!outcome) throw forbidden('Only the night coordinator on duty searches the identification index');
  return outcome;
}
