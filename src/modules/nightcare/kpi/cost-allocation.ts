import { addMonths, format } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { languages, type Language } from '../../../platform/i18n/index.js';
import { allianceSettings } from '../../nightteam/index.js';
import { monthWindow } from './aggregate.js';
import { assertCostReader } from './access.js';
import { costAgreement, type CostAgreement } from './agreement.js';
import { costMatrix, type CostMatrix } from './cost-matrix.js';
import { nightNorms } from './norms.js';
import { allianceName, allianceOrganisations, dutiesOverlapping, eligibleClientCounts, kpiIncidents } from './store.js';

export interface CostAllocationStatement extends CostMatrix {
  allianceId: string;
  allianceName: string;
  timeZone: string;
  month: string;
  from: Date;
  to: Date;
  /** Null until the alliance has entered its rates: then every amount is 0 and the statement says so. */
  agreement: CostAgreement | null;
  organisationNames: Record<string, string>;
}

const NO_RATES: CostAgreement = { agreementReference: '', standbyCentsPerNurseHour: 0, onSiteCentsPerHour: 0, travelCentsPerHour: 0, standbyKey: 'eligible_clients', eligibleClientsPercent: 100, fixedShares: {} };

/**
 * The month's statement in the alliance's zone: supplying × using organisation, standby by the key, the
 * variable part by deployment. Every care provider of the alliance is a user, also with nothing to pay.
 */
export async function readCostAllocation(deps: PlatformDeps, ctx: AccessContext, query: { month?: string; allianceId?: string }, now = new Date()): Promise<CostAllocationStatement> {
  const allianceId = assertCostReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const zone = (await allianceSettings(trx, allianceId)).time_zone;
    // Default: the last full month in the alliance's zone.
    const month = query.month ?? format(addMonths(new Date(`${formatInTimeZone(now, zone, 'yyyy-MM')}-15T12:00:00Z`), -1), 'yyyy-MM');
    const window = monthWindow(month, zone);
    const [incidents, organisations, name, agreement, duties, eligible, { norms }] = await Promise.all([
      kpiIncidents(trx, allianceId, window.from, window.to),
      allianceOrganisations(trx, allianceId),
      allianceName(trx, allianceId),
      costAgreement(trx, allianceId),
      dutiesOverlapping(trx, allianceId, window.from, window.to),
      eligibleClientCounts(trx, allianceId),
      nightNorms(trx, allianceId),
    ]);
    const users = organisations.filter((o) => o.kind === 'care_provider').map((o) => ({ id: o.id, eligibleClients: eligible.get(o.id) ?? 0 }));
    const matrix = costMatrix({ incidents, duties, users, agreement: agreement ?? NO_RATES, norms, from: window.from, to: window.to });
    const names = Object.fromEntries(organisations.map((o) => [o.id, o.name]));
    const byName = (a: string, b: string) => (names[a] ?? a).localeCompare(names[b] ?? b);
    return {
      allianceId,
      allianceName: name,
      timeZone: zone,
      month,
      from: window.from,
      to: window.to,
      agreement,
      organisationNames: names,
      ...matrix,
      suppliers: [...matrix.suppliers].sort((a, b) => byName(a.organisationId, b.organisationId)),
      // Users keep the order of the organisation list (by name); cells follow supplier, then user.
      cells: [...matrix.cells].sort((a, b) => byName(a.supplierId, b.supplierId) || byName(a.userId, b.userId)),
    };
  });
}

export const asLanguage = (value: string | undefined): Language => ((languages as readonly string[]).includes(value ?? '') ? (value as Language) : 'nl');
