import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import { forbidden } from '../../../platform/http/index.js';

/**
 * Who sees the management figures. They are aggregates without client identities, so no client-level
 * check applies; the role decides. Coordinators keep the response-time figures they steer the night by;
 * money (the cost statement) is for the administrators of the alliance and of its organisations.
 */
export function assertKpiReader(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin', 'organisation_admin', 'coordinator')) throw forbidden('Only administrators and coordinators see night-care figures');
  return actingAlliance(ctx, allianceId);
}

export function assertCostReader(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin', 'organisation_admin')) throw forbidden('Only alliance and organisation administrators see the cost statement');
  return actingAlliance(ctx, allianceId);
}

/** Norms, staffing minimum and rates are the alliance's agreement: only its administrators change them. */
export function assertSettingsWriter(ctx: AccessContext, allianceId?: string): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators change the night-care settings');
  return actingAlliance(ctx, allianceId);
}
