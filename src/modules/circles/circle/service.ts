import {
  decideClientAccess,
  insertConsent,
  withClientAccess,
  withdrawConsentsOf,
  type CircleLevel,
  type ClientPermit,
  type ConsentLevel,
  type StaffContext,
} from '../../../platform/access/index.js';
import { ensureCitizen, sendSignInLink, type CitizenAccount, type CitizenSession } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { isUniqueViolation, type Executor } from '../../../platform/db/index.js';
import { AppError, conflict, invalid, notFound } from '../../../platform/http/index.js';
import { personName } from '../../clients/index.js';
import { citizenActor, type CircleActor } from '../actor.js';
import type { InviteBody } from '../schemas.js';
import * as store from './store.js';

/** The page an invitation's sign-in link lands on. */
export const circlePage = (clientId: string) => `/burger/kring/${clientId}`;

const CIRCLE_LEVELS: readonly CircleLevel[] = ['circle_plan', 'circle_tasks', 'circle_messages', 'circle_contacts', 'circle_manage'];

/** A circle that must exist for the permitted client; without one the client reads as not found. */
export async function requireCircle(executor: Executor, permit: ClientPermit) {
  const circle = await store.findCircle(executor, permit);
  if (!circle) throw notFound('Client');
  return circle;
}

/** The e-mail with a sign-in link to the circle's page: for an invited member, and a neighbour whose offer of help was accepted. */
export async function invite(deps: PlatformDeps, citizen: CitizenAccount, clientId: string, inviter: string): Promise<void> {
  await sendSignInLink(deps, citizen, circlePage(clientId), { template: 'circleInvitation', params: { inviter } });
}

/**
 * A professional of the person's own organisation opens the circle for a person who cannot, or helps
 * one who can: the person or their representative runs it from then on, signed in by e-mail link. A
 * representative joins as the family coordinator.
 */
export async function openCircle(deps: PlatformDeps, ctx: StaffContext, clientId: string, runBy: { relation: 'self' | 'representative'; name: string; email: string }): Promise<string> {
  const { circleId, citizen } = await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'open_circle', resource: 'circle', purpose: 'care_network' }, async (trx, permit) => {
    const citizen = await ensureCitizen(trx, { allianceId: permit.allianceId, email: runBy.email, name: runBy.name });
    const circleId = await store.insertCircle(trx, permit, { name: ctx.actorName, userId: ctx.actorId });
    if (!circleId) throw conflict('This person already has a care circle');
    await store.linkCitizen(trx, permit, citizen.id, runBy.relation);
    if (runBy.relation === 'representative') {
      await store.insertMember(trx, permit, circleId, { kind: 'family', name: runBy.name, citizenId: citizen.id, organisationId: null, userId: null, coordinator: true, joined: false });
    }
    await store.addEvent(trx, { id: circleId, alliance_id: permit.allianceId, organisation_id: permit.clientOrganisationId }, { type: 'circle_opened', actor: ctx.actorName });
    return { circleId, citizen };
  });
  await invite(deps, citizen, clientId, ctx.actorName);
  return circleId;
}

/** The circle's heading and what the caller may see and do in it; decided once per level, without reading more. */
export async function readCircle(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { level: 'identification', action: 'read', resource: 'circle', sharingPurpose: 'care_network' }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const scopes: CircleLevel[] = [];
    for (const level of CIRCLE_LEVELS) {
      if ((await decideClientAccess(executor, ctx, [clientId], level, undefined, 'care_network')).has(clientId)) scopes.push(level);
    }
    if (ctx.actorKind === 'citizen') await store.markJoined(executor, circle.id, ctx.actorId);
    return { id: circle.id, clientId, personName: await personName(executor, permit), paused: circle.paused_at !== null, scopes };
  });
}

export async function listMembers(deps: PlatformDeps, ctx: CircleActor, clientId: string) {
  return withClientAccess(deps.db, ctx, clientId, { level: 'circle_contacts', action: 'read', resource: 'circle_member', sharingPurpose: 'care_network' }, async (executor, permit) => {
    const circle = await requireCircle(executor, permit);
    const members = await store.activeMembers(executor, circle.id);
    return members.map((m) => ({ id: m.id, kind: m.kind, name: m.name, informal: m.citizen_id !== null, organisationId: m.member_organisation_id, coordinator: m.coordinator, joined: m.joined_at !== null || m.citizen_id === null }));
  });
}

/**
 * The person, their representative or the home organisation's coordinator invites a member and records
 * the consent for exactly the scopes chosen, in one transaction: a member without a consent sees
 * nothing. The consent's giver is whoever runs the circle (FHIR Consent.performer), never the inviter
 * by default. An informal member gets an e-mail link to sign in.
 */
export async function inviteMember(deps: PlatformDeps, ctx: CircleActor, clientId: string, body: InviteBody): Promise<string> {
  const outcome = await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'invite', resource: 'circle_member', fields: body.scopes, purpose: 'care_network', sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const runner = await store.circleRunner(trx, permit);
    if (!runner) throw conflict('Nobody runs this circle yet: link the person or their representative first');
    const citizen = body.type === 'informal' ? await ensureCitizen(trx, { allianceId: permit.allianceId, email: body.email, name: body.name }) : undefined;
    if (citizen && citizen.id === runner.id) throw invalid('The one who runs the circle is already in it', [{ path: 'email', code: 'runs_circle', message: 'Runs this circle' }]);
    const memberId = await store
      .insertMember(trx, permit, circle.id, { kind: body.kind, name: body.name, citizenId: citizen?.id ?? null, organisationId: body.type === 'formal' ? body.organisationId : null, userId: body.type === 'formal' ? (body.userId ?? null) : null, coordinator: false, joined: false })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? conflict('Already a member of this circle') : error;
      });
    const levels: ConsentLevel[] = body.type === 'formal' ? ['identification', ...body.scopes] : body.scopes;
    const grantee = citizen ? { granteeCitizenId: citizen.id } : body.type === 'formal' ? { granteeOrganisationId: body.organisationId, ...(body.userId ? { granteeUserId: body.userId } : {}) } : undefined;
    if (!grantee) throw invalid('No grantee');
    await insertConsent(trx, permit, ctx, {
      clientId,
      ...grantee,
      purpose: 'care_network',
      levels,
      givenBy: runner.name,
      giverKind: runner.relation === 'self' ? 'person' : 'representative',
      givenAt: new Date(),
      ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
    });
    await store.addEvent(trx, circle, { type: 'member_invited', actor: ctx.actorName, details: { member: body.name, kind: body.kind } });
    return { memberId, citizen };
  });
  if (outcome.citizen) await invite(deps, outcome.citizen, clientId, ctx.actorName);
  return outcome.memberId;
}

/** Removing a member withdraws every consent naming them, in the same transaction: their access ends at commit. */
export async function removeMember(deps: PlatformDeps, ctx: CircleActor, clientId: string, memberId: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'remove_member', resource: 'circle_member', sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    const ended = await store.endMembership(trx, circle.id, memberId);
    if (!ended) throw notFound('Member');
    const grantee = ended.citizen_id ? { citizenId: ended.citizen_id } : { organisationId: ended.member_organisation_id ?? '', userId: ended.user_id };
    await withdrawConsentsOf(trx, permit, grantee);
    await store.addEvent(trx, circle, { type: 'member_removed', actor: ctx.actorName, details: { member: ended.name } });
  });
}

export async function setCoordinator(deps: PlatformDeps, ctx: CircleActor, clientId: string, memberId: string): Promise<void> {
  await withClientAccess(deps.db, ctx, clientId, { level: 'circle_manage', action: 'update', resource: 'circle_member', fields: ['coordinator'], sharingPurpose: 'care_network' }, async (trx, permit) => {
    const circle = await requireCircle(trx, permit);
    if (!(await store.makeCoordinator(trx, circle.id, memberId))) throw notFound('Member');
    await store.addEvent(trx, circle, { type: 'coordinator_changed', actor: ctx.actorName });
  });
}

/** The circles a signed-in citizen runs or belongs to; each heading read is an audited access like any other. */
export async function myCircles(deps: PlatformDeps, citizen: CitizenSession) {
  const rows = await deps.db
    .selectFrom('circle')
    .select('client_id')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('client_citizen_link as l').select('l.id').whereRef('l.client_id', '=', 'circle.client_id').where('l.citizen_id', '=', citizen.citizenId).where('l.ended_at', 'is', null)),
        eb.exists(eb.selectFrom('circle_member as m').select('m.id').whereRef('m.circle_id', '=', 'circle.id').where('m.citizen_id', '=', citizen.citizenId).where('m.removed_at', 'is', null)),
      ]),
    )
    .execute();
  const circles = [];
  for (const row of rows) {
    // A circle whose consent was withdrawn since reads as not found: it is simply left out.
    const found = await readCircle(deps, await citizenActor(deps.db, citizen, row.client_id), row.client_id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (found) circles.push(found);
  }
  return circles;
}
