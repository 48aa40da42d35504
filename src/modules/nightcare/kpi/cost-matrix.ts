/**
 * The cost statement as partners settle it: a matrix of supplying organisation (whose nurses were on
 * duty) × using organisation (whose clients the team served). Per supplier, the standby part (nurse
 * hours on duty × the standby rate) is split over the users by the alliance's key; the variable part
 * (minutes on site and travel × their rates) goes to the cell of the deployment. Only incidents a nurse
 * reached are deployments. Pure; amounts in integer euro cents that add up exactly.
 */
import { attended, round, share, unattended, type KpiIncident } from './aggregate.js';
import { FULL_SHARE_BASIS_POINTS, type CostAgreement } from './agreement.js';
import type { ResponseNorms } from './norms.js';
import { onSiteMinutes, travelMinutes } from './figures.js';

export interface UsingOrganisation {
  id: string;
  eligibleClients: number;
}

export interface SupplyingDuty {
  organisationId: string;
  startsAt: Date;
  endsAt: Date;
}

interface Work {
  deployments: number;
  minutesOnSite: number;
  travelMinutes: number;
}

export interface MatrixCell extends Work {
  supplierId: string;
  userId: string;
  fixedCents: number;
  variableCents: number;
  totalCents: number;
}

export interface CostMatrix {
  suppliers: { organisationId: string; nurseHours: number; standbyCents: number }[];
  users: (Work & { organisationId: string; eligibleClients: number; keyShare: number | null; fixedCents: number; variableCents: number; totalCents: number })[];
  cells: MatrixCell[];
  totals: Work & { fixedCents: number; variableCents: number; totalCents: number };
  /** Incidents no nurse reached: shown, never charged. */
  notDeployments: { unattended: number; cancelled: number };
  /** Deployments for alarms never linked to a client, and standby no key could divide: outside the matrix. */
  unallocated: Work & { variableCents: number; standbyCents: number };
}

/** Each user's part of the standby, 0–1, by the alliance's key. */
export function keyShares(users: readonly UsingOrganisation[], agreement: CostAgreement): Map<string, number> {
  const eligible = users.reduce((s, u) => s + u.eligibleClients, 0);
  const byClients = agreement.standbyKey === 'fixed_shares' ? 0 : agreement.standbyKey === 'eligible_clients' ? 1 : agreement.eligibleClientsPercent / 100;
  return new Map(users.map((u) => [u.id, (eligible ? (byClients * u.eligibleClients) / eligible : 0) + ((1 - byClients) * (agreement.fixedShares[u.id] ?? 0)) / FULL_SHARE_BASIS_POINTS]));
}

/** Splits whole cents by weights with the largest-remainder method, so the parts add up to the cents divided. */
export function splitCents(cents: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  // Weights short of 1 leave the rest undivided (reported as unallocated); more than 1 are scaled down.
  const exact = weights.map((w) => (cents * w) / Math.max(1, sum));
  const parts = exact.map(Math.floor);
  let rest = Math.round(cents * Math.min(1, sum)) - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]!++;
    rest--;
  }
  return parts;
}

const clippedMinutes = (d: SupplyingDuty, from: Date, to: Date) => Math.max(0, (Math.min(d.endsAt.getTime(), to.getTime()) - Math.max(d.startsAt.getTime(), from.getTime())) / 60_000);
const cents = (minutes: number, centsPerHour: number) => (minutes * centsPerHour) / 60;
const emptyWork = (): Work => ({ deployments: 0, minutesOnSite: 0, travelMinutes: 0 });

export function costMatrix(input: { incidents: readonly KpiIncident[]; duties: readonly SupplyingDuty[]; users: readonly UsingOrganisation[]; agreement: CostAgreement; norms: ResponseNorms; from: Date; to: Date }): CostMatrix {
  const { agreement, users } = input;
  const standbyMinutes = new Map<string, number>();
  for (const d of input.duties) standbyMinutes.set(d.organisationId, (standbyMinutes.get(d.organisationId) ?? 0) + clippedMinutes(d, input.from, input.to));
  const work = new Map<string, Work>();
  const unallocated = { ...emptyWork(), variableCents: 0, standbyCents: 0 };
  let unallocatedVariable = 0;
  const userIds = new Set(users.map((u) => u.id));
  for (const i of input.incidents.filter(attended)) {
    const onSite = onSiteMinutes(i);
    const travel = travelMinutes(i);
    const known = i.organisationId && userIds.has(i.organisationId) && i.assignedOrganisationId;
    const w = known ? (work.get(`${i.assignedOrganisationId}|${i.organisationId}`) ?? emptyWork()) : unallocated;
    w.deployments++;
    w.minutesOnSite += onSite;
    w.travelMinutes += travel;
    if (known) work.set(`${i.assignedOrganisationId}|${i.organisationId}`, w);
    else unallocatedVariable += cents(onSite, agreement.onSiteCentsPerHour) + cents(travel, agreement.travelCentsPerHour);
    if (known && !standbyMinutes.has(i.assignedOrganisationId!)) standbyMinutes.set(i.assignedOrganisationId!, 0);
  }
  unallocated.variableCents = Math.round(unallocatedVariable);
  const weights = keyShares(users, agreement);
  const suppliers = [...standbyMinutes.entries()].map(([organisationId, minutes]) => ({ organisationId, nurseHours: round(minutes / 60, 2)!, standbyCents: Math.round(cents(minutes, agreement.standbyCentsPerNurseHour)) }));
  const cells: MatrixCell[] = [];
  for (const s of suppliers) {
    const fixed = splitCents(s.standbyCents, users.map((u) => weights.get(u.id) ?? 0));
    unallocated.standbyCents += s.standbyCents - fixed.reduce((a, b) => a + b, 0);
    users.forEach((u, index) => {
      const w = work.get(`${s.organisationId}|${u.id}`) ?? emptyWork();
      const variableCents = Math.round(cents(w.minutesOnSite, agreement.onSiteCentsPerHour) + cents(w.travelMinutes, agreement.travelCentsPerHour));
      cells.push({ supplierId: s.organisationId, userId: u.id, ...w, travelMinutes: round(w.travelMinutes, 1)!, fixedCents: fixed[index]!, variableCents, totalCents: fixed[index]! + variableCents });
    });
  }
  const sum = (rows: readonly MatrixCell[]) => ({
    deployments: rows.reduce((a, c) => a + c.deployments, 0),
    minutesOnSite: rows.reduce((a, c) => a + c.minutesOnSite, 0),
    travelMinutes: round(rows.reduce((a, c) => a + c.travelMinutes, 0), 1)!,
    fixedCents: rows.reduce((a, c) => a + c.fixedCents, 0),
    variableCents: rows.reduce((a, c) => a + c.variableCents, 0),
    totalCents: rows.reduce((a, c) => a + c.totalCents, 0),
  });
  return {
    suppliers,
    users: users.map((u) => ({ organisationId: u.id, eligibleClients: u.eligibleClients, keyShare: share(weights.get(u.id) ?? 0, 1), ...sum(cells.filter((c) => c.userId === u.id)) })),
    cells,
    totals: sum(cells),
    notDeployments: { unattended: input.incidents.filter((i) => unattended(i, input.norms)).length, cancelled: input.incidents.filter((i) => i.status === 'cancelled').length },
    unallocated: { ...unallocated, travelMinutes: round(unallocated.travelMinutes, 1)! },
  };
}
