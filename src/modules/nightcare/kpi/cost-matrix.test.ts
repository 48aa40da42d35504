import { describe, expect, it } from 'vitest';
import type { KpiIncident } from './aggregate.js';
import type { CostAgreement } from './agreement.js';
import { costMatrix, keyShares, splitCents } from './cost-matrix.js';
import { DEFAULT_NORMS } from './norms.js';

const agreement = (overrides: Partial<CostAgreement> = {}): CostAgreement => ({
  agreementReference: '',
  standbyCentsPerNurseHour: 3000,
  onSiteCentsPerHour: 6000,
  travelCentsPerHour: 6000,
  standbyKey: 'eligible_clients',
  eligibleClientsPercent: 100,
  fixedShares: {},
  ...overrides,
});
const users = [
  { id: 'a', eligibleClients: 1 },
  { id: 'b', eligibleClients: 1 },
  { id: 'c', eligibleClients: 1 },
];

describe('standby key', () => {
  it('divides by eligible clients, by fixed shares or by a mix of both', () => {
    expect([...keyShares(users, agreement()).values()]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect([...keyShares(users, agreement({ standbyKey: 'fixed_shares', fixedShares: { a: 5000, b: 5000 } })).values()]).toEqual([0.5, 0.5, 0]);
    // 20 % by clients (1/3 each) + 80 % fixed (a 100 %): a = 0.2/3 + 0.8, b = c = 0.2/3.
    const mix = keyShares(users, agreement({ standbyKey: 'mix', eligibleClientsPercent: 20, fixedShares: { a: 10_000 } }));
    expect(mix.get('a')).toBeCloseTo(0.2 / 3 + 0.8);
    expect(mix.get('c')).toBeCloseTo(0.2 / 3);
  });

  it('splits cents so that the parts add up to the cent', () => {
    // 100 cents in thirds: 33.33 each, the one left over goes to the first of the equal remainders.
    expect(splitCents(100, [1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(splitCents(1001, [0.55, 0.45])).toEqual([551, 450]);
    expect(splitCents(500, [0, 0])).toEqual([0, 0]);
  });
});

describe('cost matrix', () => {
  const night = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
  const visit = (overrides: Partial<KpiIncident>): KpiIncident => ({
    organisationId: 'a',
    assignedOrganisationId: 's',
    urgency: 'U2',
    status: 'completed',
    outcome: 'completed',
    receivedAt: new Date('2026-01-10T23:00:00Z'),
    travelStartAt: new Date('2026-01-10T23:05:00Z'),
    onSiteAt: new Date('2026-01-10T23:20:00Z'),
    closedAt: null,
    minutesOnSite: 30,
    ...overrides,
  });

  it('never charges an incident no nurse reached, and keeps standby nobody can be keyed to outside', () => {
    const m = costMatrix({
      incidents: [visit({}), visit({ onSiteAt: null, status: 'triaged', outcome: null }), visit({ onSiteAt: null, status: 'cancelled', outcome: 'false_alarm' }), visit({ organisationId: null })],
      // Supplier s on duty 2 h, of which 1 h before the month: 1 h × €30 = 3000 cents.
      duties: [{ organisationId: 's', startsAt: new Date('2025-12-31T23:00:00Z'), endsAt: new Date('2026-01-01T01:00:00Z') }],
      users: [{ id: 'a', eligibleClients: 0 }],
      agreement: agreement(),
      norms: DEFAULT_NORMS,
      ...night,
    });
    // One deployment for a: 30 min on site + 15 min travel at €60/h = €45.00.
    expect(m.cells).toEqual([{ supplierId: 's', userId: 'a', deployments: 1, minutesOnSite: 30, travelMinutes: 15, fixedCents: 0, variableCents: 4500, totalCents: 4500 }]);
    expect(m.notDeployments).toEqual({ unattended: 1, cancelled: 1 });
    // No eligible clients to divide by: the 3000 cents of standby stay outside; the unlinked visit too (4500).
    expect(m.unallocated).toEqual({ deployments: 1, minutesOnSite: 30, travelMinutes: 15, variableCents: 4500, standbyCents: 3000 });
  });
});
