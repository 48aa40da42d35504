import { hasRole, type AccessContext } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import { forbidden, notFound } from '../../platform/http/index.js';
import { isNightTeamMember } from './store.js';

const isNightCoordinator = async (executor: Executor, ctx: AccessContext, allianceId: string) =>
  ctx.actorKind === 'user' && hasRole(ctx, 'coordinator') && ctx.allianceIds.includes(allianceId) && (await isNightTeamMember(executor, allianceId, ctx.actorId));

export async function assertCoordinator(executor: Executor, ctx: AccessContext, allianceId: string): Promise<void> {
  if (!(await isNightCoordinator(executor, ctx, allianceId))) throw forbidden('Only night coordinators of this alliance may do this');
}

/** For one incident, anybody but a night coordinator of its alliance gets "not found": an id reveals nothing. */
export async function assertCoordinatorOf(executor: Executor, ctx: AccessContext, incident: { alliance_id: string }): Promise<void> {
  if (!(await isNightCoordinator(executor, ctx, incident.alliance_id))) throw notFound('Incident');
}

/** An incident of one of the caller's alliances; one outside them answers as if it did not exist. */
export function inCallersAlliance<Incident extends { alliance_id: string }>(ctx: AccessContext, incident: Incident | undefined): Incident {
  if (!incident || !ctx.allianceIds.includes(incident.alliance_id)) throw notFound('Incident');
  return incident;
}
