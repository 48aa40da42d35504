import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { invalid } from '../../../platform/http/index.js';
import { assertKpiReader, assertSettingsWriter } from './access.js';
import { costAgreement, FULL_SHARE_BASIS_POINTS, saveCostAgreement, type CostAgreement } from './agreement.js';
import { nightNorms, type ResponseNorms } from './norms.js';
import { allianceOrganisations } from './store.js';

export interface ManagementSettings {
  allianceId: string;
  responseNorms: ResponseNorms;
  minimumNightNurses: number;
  costAgreement: CostAgreement | null;
}

export async function readManagementSettings(deps: PlatformDeps, ctx: AccessContext, allianceId?: string): Promise<ManagementSettings> {
  const chosen = assertKpiReader(ctx, allianceId);
  const [{ norms, minimumNightNurses }, agreement] = await Promise.all([nightNorms(deps.db, chosen), costAgreement(deps.db, chosen)]);
  return { allianceId: chosen, responseNorms: norms, minimumNightNurses, costAgreement: agreement };
}

/** The fixed shares must name care providers of the alliance and add up to 100 % whenever they are used. */
function checkShares(agreement: CostAgreement, careProviders: ReadonlySet<string>): void {
  const usesShares = agreement.standbyKey === 'fixed_shares' || (agreement.standbyKey === 'mix' && agreement.eligibleClientsPercent < 100);
  const stranger = Object.keys(agreement.fixedShares).find((id) => !careProviders.has(id));
  if (stranger) throw invalid('A fixed share names an organisation that is not a care provider of the alliance', [{ path: 'costAgreement.fixedShares', code: 'unknown_organisation', message: stranger }]);
  const sum = Object.values(agreement.fixedShares).reduce((a, b) => a + b, 0);
  if (usesShares && sum !== FULL_SHARE_BASIS_POINTS) throw invalid('The fixed shares must add up to 100 %', [{ path: 'costAgreement.fixedShares', code: 'not_100_percent', message: `${sum / 100} %` }]);
}

export async function updateManagementSettings(
  deps: PlatformDeps,
  ctx: AccessContext,
  input: Omit<ManagementSettings, 'allianceId'> & { allianceId?: string },
  now = new Date(),
): Promise<ManagementSettings> {
  const allianceId = assertSettingsWriter(ctx, input.allianceId);
  await deps.db.transaction().execute(async (trx) => {
    if (input.costAgreement) {
      const organisations = await allianceOrganisations(trx, allianceId);
      checkShares(input.costAgreement, new Set(organisations.filter((o) => o.kind === 'care_provider').map((o) => o.id)));
      await saveCostAgreement(trx, allianceId, input.costAgreement, ctx.actorId, now);
    }
    await trx.updateTable('alliance').set({ response_norms: JSON.stringify(input.responseNorms), minimum_night_nurses: input.minimumNightNurses }).where('id', '=', allianceId).execute();
  });
  return readManagementSettings(deps, ctx, allianceId);
}
