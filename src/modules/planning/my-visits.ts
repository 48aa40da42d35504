import { appendAudit } from '../../platform/audit/index.js';
import { revokeAssignmentAccess, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, notFound } from '../../platform/http/index.js';
import { identifyClients } from '../clients/index.js';
import * as store from './store.js';

export const visitSteps = ['en_route', 'on_site', 'done'] as const;
export type VisitStep = (typeof visitSteps)[number];

/** A planned visit's steps on the phone, like an incident's: on the way, on site, done; on site may come first. */
const NEXT: Record<string, readonly VisitStep[]> = { planned: ['en_route', 'on_site'], en_route: ['on_site'], on_site: ['done'], done: [] };

/**
 * The nurse's route for a night: her planned visits in the order the planner gave them, with the
 * planned times and where to go. Clients are identified through the visit's assignment grant, so a
 * visit whose access has ended (or a client who objected) shows without a name.
 */
export async function myVisits(deps: PlatformDeps, ctx: AccessContext, night: string | undefined, now = new Date()) {
  if (ctx.actorKind !== 'user') return [];
  return deps.db.transaction().execute(async (trx) => {
    const visits = await store.visitsOfNurse(trx, ctx.actorId, night, now);
    const identities = await identifyClients(trx, ctx, [...new Set(visits.map((v) => v.client_id))], 'nightcare');
    return visits.map((v) => {
      const who = identities.get(v.client_id);
      return {
        id: v.id,
        sequence: v.sequence ?? 0,
        task: v.task,
        plannedStart: v.planned_start,
        windowStart: v.window_start,
        windowEnd: v.window_end,
        durationMinutes: v.duration_minutes,
        latitude: v.latitude,
        longitude: v.longitude,
        status: v.status,
        onSiteAt: v.on_site_at,
        doneAt: v.done_at,
        client: who ? { id: v.client_id, name: `${who.givenName} ${who.familyName}`, address: `${who.street} ${who.houseNumber}, ${who.city}` } : null,
      };
    });
  });
}

/** One step of a planned visit by its nurse; anybody else is told it does not exist. Done ends her access to the client. */
export async function moveVisit(deps: PlatformDeps, ctx: AccessContext, visitId: string, to: VisitStep): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const visit = await store.lockVisit(trx, visitId);
    if (!visit || ctx.actorKind !== 'user' || visit.assigned_user_id !== ctx.actorId || !ctx.allianceIds.includes(visit.alliance_id)) throw notFound('Planned visit');
    if (!(NEXT[visit.status] ?? []).includes(to)) throw conflict(`A visit that is ${visit.status} cannot become ${to}`);
    const now = new Date();
    await store.setVisitStatus(trx, visitId, to, now);
    if (to === 'done') await revokeAssignmentAccess(trx, `visit:${visitId}`);
    await appendAudit(trx, [
      {
        allianceId: visit.alliance_id,
        userId: ctx.actorId,
        userName: ctx.actorName,
        organisationId: ctx.organisationId,
        role: ctx.roles[0] ?? null,
        clientId: visit.client_id,
        clientOrganisationId: visit.organisation_id,
        action: 'update',
        resource: 'planned_visit',
        fields: ['status'],
        purpose: 'nightcare',
        reason: `visit:${visitId} ${visit.status} → ${to}`,
        grantId: null,
        outcome: 'allowed',
      },
    ]);
  });
}
