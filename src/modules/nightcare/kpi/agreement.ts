/**
 * The partners' cost agreement: hourly rates in euro cents and the key that splits the standby part.
 * Amounts stay integer cents so that a statement adds up to the cent.
 */
import type { Executor } from '../../../platform/db/index.js';

/** 100 % in basis points, the unit of the fixed shares. */
export const FULL_SHARE_BASIS_POINTS = 10_000;

export const standbyKeys = ['eligible_clients', 'fixed_shares', 'mix'] as const;
export type StandbyKey = (typeof standbyKeys)[number];

export interface CostAgreement {
  agreementReference: string;
  standbyCentsPerNurseHour: number;
  onSiteCentsPerHour: number;
  travelCentsPerHour: number;
  standbyKey: StandbyKey;
  /** For `mix`: the percentage of the standby part divided by eligible clients; the rest by fixed shares. */
  eligibleClientsPercent: number;
  /** Organisation id → basis points (10000 = 100 %). */
  fixedShares: Record<string, number>;
}

/** The alliance's agreement; null until an alliance administrator has entered one (no invented rates). */
export async function costAgreement(executor: Executor, allianceId: string): Promise<CostAgreement | null> {
  const row = await executor.selectFrom('nightcare_cost_agreement').selectAll().where('alliance_id', '=', allianceId).executeTakeFirst();
  if (!row) return null;
  return {
    agreementReference: row.agreement_reference,
    standbyCentsPerNurseHour: row.standby_cents_per_nurse_hour,
    onSiteCentsPerHour: row.on_site_cents_per_hour,
    travelCentsPerHour: row.travel_cents_per_hour,
    standbyKey: row.standby_key,
    eligibleClientsPercent: row.eligible_clients_percent,
    fixedShares: row.fixed_shares,
  };
}

export async function saveCostAgreement(executor: Executor, allianceId: string, agreement: CostAgreement, userId: string, now: Date): Promise<void> {
  const values = {
    agreement_reference: agreement.agreementReference,
    standby_cents_per_nurse_hour: agreement.standbyCentsPerNurseHour,
    on_site_cents_per_hour: agreement.onSiteCentsPerHour,
    travel_cents_per_hour: agreement.travelCentsPerHour,
    standby_key: agreement.standbyKey,
    eligible_clients_percent: agreement.eligibleClientsPercent,
    fixed_shares: JSON.stringify(agreement.fixedShares),
    updated_by: userId,
    updated_at: now,
  };
  await executor
    .insertInto('nightcare_cost_agreement')
    .values({ alliance_id: allianceId, ...values })
    .onConflict((oc) => oc.column('alliance_id').doUpdateSet(values))
    .execute();
}
