import { withClientAccess, type AccessRequest } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, notFound } from '../../../platform/http/index.js';
import type { CircleActor } from '../actor.js';
import { requireCircle } from '../circle/service.js';
import { addEvent } from '../circle/store.js';
import type { HelpBody } from '../schemas.js';
import { RESPITE_PAGE, type CircleSettings } from '../settings.js';
import { standing } from '../tasks/store.js';
import { overloadedCaregiver } from './load.js';
import * as store from './store.js';

/** Help rides on the tasks scope: whoever sees the circle's tasks sees and answers its requests and offers. */
const read: AccessRequest = { level: 'circle_tasks', action: 'read', resource: 'circle_help', sharingPurpose: 'care_network' };

/** The person themselves, a member (family, neighbour, a professional's organisation), or a professional of the home organisation. */
async function whoIs(executor: Parameters<typeof standing>[0], circle: Parameters<typeof standing>[1], ctx: CircleActor) {
  const place = await standing(executor, circle, ctx);
  const memberId = place.memberIds[0] ?? null;
  const role = ctx.actorKind === 'user' ? ('professional' as const) : ctx.citizenKind === 'client' ? ('person' as const) : ('member' as const);
  return { memberId, role };
}

export async function listHelp(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, read, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    return (await store.circleHelp(executor, circle.id)).map((h) => ({
      id: h.id,
      direction: h.direction,
      kind: h.kind,
      title: h.title,
      wantedOn: h.wanted_on,
      partOfDay: h.part_of_day,
      sharedInNeighbourhood: h.neighbourhood_id !== null,
      postedBy: h.posted_by_name,
      postedByRole: h.posted_by_role,
      status: h.status,
      claimedBy: h.claimed_by_name,
      mine: h.posted_by_id === ctx.actorId,
      claimable: h.status === 'open' && h.posted_by_id !== ctx.actorId,
    }));
  });
}

/**
 * A request or an offer: the person can offer as well as ask, a member likewise, and a professional
 * posts on the person's behalf (it says so). Everyone who sees the circle's tasks sees it.
 */
export async function postHelp(deps: PlatformDeps, ctx: CircleActor, clientId: string, body: HelpBody): Promise<string> {
  return withClientAccess(deps.db, ctx, clientId, { ...read, action: 'post_help', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const who = await whoIs(trx, circle, ctx);
    const id = await store.insertHelp(trx, circle, {
      direction: body.direction,
      kind: body.kind,
      title: body.title,
      wantedOn: body.wantedOn ?? null,
      partOfDay: body.partOfDay ?? null,
      postedByName: ctx.actorName,
      postedByRole: who.role,
      postedByMemberId: who.memberId,
      postedById: ctx.actorId,
    });
    await addEvent(trx, circle, { type: `help_${body.direction}_posted`, actor: ctx.actorName, details: { kind: body.kind } });
    return id;
  });
}

/** One claim wins: a second finds the request taken and gets a conflict; one's own post cannot be claimed. */
export async function claimHelp(deps: PlatformDeps, ctx: CircleActor, clientId: string, helpId: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { ...read, action: 'claim_help', change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const who = await whoIs(trx, circle, ctx);
    const claimed = await store.claimHelp(trx, circle.id, helpId, { name: ctx.actorName, memberId: who.memberId, id: ctx.actorId });
    if (!claimed) {
      const help = await store.oneHelp(trx, circle.id, helpId);
      if (!help || help.status === 'withdrawn') throw notFound('Help');
      throw conflict(help.posted_by_id === ctx.actorId ? 'You posted this yourself' : 'Someone else already took this up');
    }
    await addEvent(trx, circle, { type: 'help_claimed', actor: ctx.actorName });
  });
}

/** Done, by whoever posted or claimed it; withdrawn, by whoever posted it while nobody has claimed it. */
export async function closeHelp(deps: PlatformDeps, ctx: CircleActor, clientId: string, helpId: string, to: 'done' | 'withdrawn'): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { ...read, action: 'update', fields: [to], change: true }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const help = await store.oneHelp(trx, circle.id, helpId);
    const involved = help && (help.posted_by_id === ctx.actorId || (to === 'done' && help.claimed_by_id === ctx.actorId));
    if (!help || !involved || help.status === 'withdrawn') throw notFound('Help');
    if (help.status !== (to === 'done' ? 'claimed' : 'open')) throw conflict(`This is ${help.status}`);
    await store.setHelpStatus(trx, help.id, to);
    await addEvent(trx, circle, { type: `help_${to}`, actor: ctx.actorName });
  });
}

/**
 * The load signal for the circle's page: one informal caregiver gives most of the help in the window
 * (settings), with the public respite overview as the suggestion of a break.
 */
export async function readLoad(deps: PlatformDeps, settings: CircleSettings, ctx: CircleActor, clientId: string, now = new Date()) {
  return withClientAccess(deps.db, ctx, clientId, { ...read, fields: ['load'] }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const since = new Date(now.getTime() - settings.loadWindowDays * 86_400_000);
    const signal = overloadedCaregiver(await store.loadPerMember(executor, circle.id, since), { share: settings.loadShare, minimum: settings.loadMinimum });
    return { signal: signal ? { ...signal, windowDays: settings.loadWindowDays, respitePath: RESPITE_PAGE } : null };
  });
}
