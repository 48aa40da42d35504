import { withClientAccess, type AccessContext } from '../../platform/access/index.js';
import type { RespiteDeps } from './deps.js';
import type { FundingCreate } from './schemas.js';
import { invalid } from '../../platform/http/index.js';

/** Records a funding decision on file (a Wmo decision needs its nights per year). */
export async function addFunding(deps: RespiteDeps, ctx: AccessContext, input: FundingCreate): Promise<string> {
  if ((input.scheme === 'wmo') !== (input.nightsPerYear !== undefined)) throw invalid('A Wmo decision, and only that, states nights per year', [{ path: 'nightsPerYear', code: 'wmo_only', message: 'nights per year with Wmo' }]);
  return withClientAccess(deps.db, ctx, input.clientId, { level: 'change', action: 'create', resource: 'respite_stay', sharingPurpose: 'respite' }, async (trx, permit) => {
    const row = await trx
      .insertInto('respite_funding')
      .values({ alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId, client_id: input.clientId, scheme: input.scheme, nights_per_year: input.nightsPerYear ?? null, valid_from: input.validFrom, valid_until: input.validUntil ?? null, reference: input.reference })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
