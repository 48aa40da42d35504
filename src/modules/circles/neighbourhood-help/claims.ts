import { insertConsent, withClientAccess } from '../../../platform/access/index.js';
import { findCitizen } from '../../../platform/auth/index.js';
import { isUniqueViolation } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, notFound } from '../../../platform/http/index.js';
import type { CircleActor } from '../actor.js';
import { invite, requireCircle } from '../circle/service.js';
import { addEvent, circleRunner, insertMember } from '../circle/store.js';
import * as store from './store.js';

const manage = { level: 'circle_manage', sharingPurpose: 'care_network' } as const;

/** The neighbours who offered to take up the circle's shared help, for whoever runs the circle. */
export async function listClaims(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { ...manage, action: 'read', resource: 'circle_help', fields: ['claims'] }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    return (await store.circleClaims(executor, circle.id)).map((k) => ({ id: k.id, helpId: k.help_id, helpTitle: k.title, name: k.name, status: k.status, createdAt: k.created_at }));
  });
}

export async function declineClaim(deps: PlatformDeps, ctx: CircleActor, clientId: string, claimId: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { ...manage, action: 'update', resource: 'circle_help', fields: ['claim_declined'] }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const claim = await store.lockClaim(trx, circle.id, claimId);
    if (!claim) throw notFound('Claim');
    if (claim.status !== 'pending') throw conflict(`This offer is ${claim.status}`);
    await store.decide(trx, claim.id, 'declined', ctx.actorName);
    await addEvent(trx, circle, { type: 'neighbour_declined', actor: ctx.actorName, details: { member: claim.name } });
  });
}

/**
 * Accepting a neighbour's offer makes them a member with the tasks scope only, by a consent the one who
 * runs the circle gives (as an invitation does), and gives them the help, all in one transaction. Other
 * offers for the same help are declined; a second acceptance finds the help taken and is a conflict.
 */
export async function acceptClaim(deps: PlatformDeps, ctx: CircleActor, clientId: string, claimId: string): Promise<void> {
  const citizenId = await withClientAccess(deps.db, ctx, clientId, { ...manage, action: 'add_member', resource: 'circle_member', fields: ['circle_tasks'], purpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const claim = await store.lockClaim(trx, circle.id, claimId);
    if (!claim) throw notFound('Claim');
    if (claim.status !== 'pending') throw conflict(`This offer is ${claim.status}`);
    const runner = await circleRunner(trx, permit);
    if (!runner) throw conflict('Nobody runs this circle yet: link the person or their representative first');
    const memberId = await insertMember(trx, permit, circle.id, { kind: 'neighbour', name: claim.name, citizenId: claim.citizen_id, organisationId: null, userId: null, coordinator: false, joined: false }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? conflict('Already a member of this circle') : error;
    });
    if (!(await store.takeUp(trx, claim.help_id, { name: claim.name, memberId, citizenId: claim.citizen_id }))) throw conflict('This help was already taken up');
    await insertConsent(trx, permit, ctx, { clientId, granteeCitizenId: claim.citizen_id, purpose: 'care_network', levels: ['circle_tasks'], givenBy: runner.name, giverKind: runner.relation === 'self' ? 'person' : 'representative', givenAt: new Date() });
    await store.decide(trx, claim.id, 'accepted', ctx.actorName);
    await store.declineOthers(trx, claim.help_id, claim.id, ctx.actorName);
    await addEvent(trx, circle, { type: 'neighbour_joined', actor: ctx.actorName, details: { member: claim.name } });
    return claim.citizen_id;
  });
  const citizen = await findCitizen(deps.db, citizenId);
  if (citizen) await invite(deps, citizen, clientId, ctx.actorName);
}
