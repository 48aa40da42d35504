import type { Transaction } from 'kysely';
import { actingAlliance,
  clientDataRoles,
  grantAssignmentAccess,
  hasRole,
  revokeAssignmentAccess,
  type AccessContext,
} from '../../../platform/access/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, forbidden, invalid, notFound } from '../../../platform/http/index.js';
import { identifyClients, type Identification } from '../../clients/index.js';
import { coveringGpPost, firstOverlap, type PostcodeRange } from './area.js';
import * as referrals from './store.js';
import { assertCoordinatorOf, nightCoordinators } from '../../nightteam/index.js';
import { pushToUsers } from '../../push/index.js';
import * as store from '../incidents/store.js';
import type { Urgency } from '../incidents/triage.js';
import { notifyIncident } from '../live.js';

type Trx = Transaction<Database>;

/** The GP post may identify the referred client for this long after the referral was sent. */
export const REFERRAL_ACCESS_HOURS = 24;
export const referralOutcomes = ['advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action'] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];

export interface ReferralInput {
  reason: string;
  urgency: Urgency;
  summary: string;
  /** Made by phone (the post is not on the platform, or it was quicker): recorded here, answered here too. */
  byPhone?: boolean;
}

/** The assigned nurse or a night coordinator of the alliance; anybody else is told the incident does not exist. */
async function loadForReferral(trx: Trx, ctx: AccessContext, incidentId: string): Promise<store.IncidentRow> {
  const incident = await store.lockIncident(trx, incidentId);
  if (!incident || !ctx.allianceIds.includes(incident.alliance_id) || ctx.actorKind !== 'user') throw notFound('Incident');
  if (incident.assigned_user_id === ctx.actorId) return incident;
  if (!hasRole(ctx, 'coordinator')) throw notFound('Incident');
  await assertCoordinatorOf(trx, ctx, incident);
  return incident;
}

/** The GP post covering the client's address (postcode areas), else the client's own GP post. */
async function gpPostFor(trx: Trx, ctx: AccessContext, allianceId: string, clientId: string): Promise<{ id: string; name: string }> {
  const identity = (await identifyClients(trx, ctx, [clientId], 'gp_referral')).get(clientId);
  if (!identity) throw notFound('Client');
  const covering = coveringGpPost(identity.postcode, await referrals.areasOf(trx, allianceId)) ?? (await referrals.permittedClientGpPost(trx, clientId));
  const [post] = covering ? await referrals.gpPostsOf(trx, allianceId, [covering]) : [];
  if (!post) throw conflict('No GP post of the region covers this client');
  return post;
}

/** Escalation to the GP post: a referral, an incident event and a live update. The incident stays open. */
export async function referToGp(deps: PlatformDeps, ctx: AccessContext, incidentId: string, input: ReferralInput) {
  return deps.db.transaction().execute(async (trx) => {
    const incident = await loadForReferral(trx, ctx, incidentId);
    if (incident.closed_at) throw conflict('The incident is closed');
    if (!incident.client_id) throw conflict('Link the alarm to a client before referring to the GP post');
    const post = await gpPostFor(trx, ctx, incident.alliance_id, incident.client_id);
    const row = await referrals.insertReferral(trx, { incidentId, gpPostId: post.id, reason: input.reason, urgency: input.urgency, summary: input.summary, sentBy: ctx.actorId, byPhone: input.byPhone ?? false });
    await store.insertEvent(trx, { incidentId, type: 'gp_referral', actorUserId: ctx.actorId, details: { referralId: row.id, gpPostId: post.id, gpPostName: post.name, urgency: input.urgency, byPhone: input.byPhone ?? false } });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'gp_referral' });
    return { referralId: row.id, gpPostId: post.id, gpPostName: post.name, sentAt: row.sent_at };
  });
}

/** Staff of a GP post with a client-data role; the post is the caller's own organisation. */
function assertGpPostStaff(ctx: AccessContext): void {
  if (ctx.actorKind !== 'user') throw notFound('Referral');
  if (!hasRole(ctx, ...clientDataRoles)) throw forbidden('Only staff with client-data roles handle referrals');
}

const referralView = (r: referrals.ReferralRow) => ({
  id: r.id,
  incidentId: r.incident_id,
  reason: r.reason,
  urgency: r.urgency,
  summary: r.summary,
  status: r.status,
  answer: r.answer,
  // The table's CHECK constraint holds the column to these values.
  outcome: r.outcome as ReferralOutcome | null,
  sentAt: r.sent_at,
  sentByName: r.sent_by_name,
  answeredAt: r.answered_at,
  answeredByName: r.answered_by_name,
  incident: { status: r.incident_status, reason: r.incident_reason, receivedAt: r.incident_received_at },
});
export type ReferralView = ReturnType<typeof referralView>;

/** The GP post's inbox: its own referrals, newest first, without client identities (those are read per referral). */
export async function listReferrals(deps: PlatformDeps, ctx: AccessContext, status?: 'sent' | 'answered'): Promise<ReferralView[]> {
  assertGpPostStaff(ctx);
  return deps.db.transaction().execute(async (trx) => (await referrals.referralsForPost(trx, ctx.organisationId, status)).map(referralView));
}

/**
 * Identifies the referred client for the GP-post user through the access layer. The referral is the
 * basis: a grant scoped to this referral and this user exists only for the duration of this read (made
 * and revoked in the same transaction), so the access layer still applies objections and agreements and
 * audits the read with the grant, and nothing else of the client opens up.
 */
async function identifyForReferral(trx: Trx, ctx: AccessContext, r: referrals.ReferralRow, now: Date): Promise<Identification | null> {
  const until = new Date(r.sent_at.getTime() + REFERRAL_ACCESS_HOURS * 3600_000);
  if (!r.client_id || now >= until) return null;
  const reference = `gp_referral:${r.id}`;
  await grantAssignmentAccess(trx, { allianceId: r.alliance_id, clientId: r.client_id, userId: ctx.actorId, organisationId: ctx.organisationId, reference, expiresAt: until });
  const identity = (await identifyClients(trx, ctx, [r.client_id], 'gp_referral')).get(r.client_id) ?? null;
  await revokeAssignmentAccess(trx, reference, ctx.actorId);
  return identity;
}

export async function openReferral(deps: PlatformDeps, ctx: AccessContext, id: string, now = new Date()) {
  assertGpPostStaff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const row = await referrals.referralForPost(trx, id, ctx.organisationId);
    if (!row) throw notFound('Referral');
    return { ...referralView(row), client: await identifyForReferral(trx, ctx, row, now) };
  });
}

/** The GP post's answer goes back to the incident's history and to the night team's board. */
export async function answerReferral(deps: PlatformDeps, ctx: AccessContext, id: string, input: { answer: string; outcome: ReferralOutcome }): Promise<void> {
  assertGpPostStaff(ctx);
  const recipients = await deps.db.transaction().execute(async (trx) => {
    const referral = await referrals.lockReferral(trx, id, ctx.organisationId);
    if (!referral) throw notFound('Referral');
    if (referral.status === 'answered') throw conflict('This referral has already been answered');
    await referrals.storeAnswer(trx, id, { answer: input.answer, outcome: input.outcome, answeredBy: ctx.actorId, at: new Date() });
    return recordAnswer(trx, ctx.actorId, referral.incident_id, { referralId: id, outcome: input.outcome, answer: input.answer });
  });
  pushAnswer(deps, recipients);
}

/**
 * The post's answer to a referral made by phone, recorded by the assigned nurse or a night coordinator in
 * the same form the post uses on the platform. A referral sent through the platform is answered by the post.
 */
export async function recordPhoneAnswer(deps: PlatformDeps, ctx: AccessContext, id: string, input: { answer: string; outcome: ReferralOutcome }): Promise<void> {
  const recipients = await deps.db.transaction().execute(async (trx) => {
    const referral = await referrals.lockReferralById(trx, id);
    if (!referral) throw notFound('Referral');
    await loadForReferral(trx, ctx, referral.incident_id);
    if (!referral.by_phone) throw conflict('This referral went through the platform: the GP post answers it');
    if (referral.status === 'answered') throw conflict('This referral has already been answered');
    await referrals.storeAnswer(trx, id, { answer: input.answer, outcome: input.outcome, answeredBy: ctx.actorId, at: new Date() });
    return recordAnswer(trx, ctx.actorId, referral.incident_id, { referralId: id, outcome: input.outcome, answer: input.answer, byPhone: true });
  });
  pushAnswer(deps, recipients);
}

/** The answer in the incident's history and on the board; returns whom to push it to (the nurse and the night coordinators). */
async function recordAnswer(trx: Trx, actorUserId: string, incidentId: string, details: { referralId: string; outcome: ReferralOutcome; answer: string; byPhone?: boolean }) {
  const incident = await store.lockIncident(trx, incidentId);
  await store.insertEvent(trx, { incidentId, type: 'gp_referral_answered', actorUserId, details });
  if (!incident) return null;
  await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId: incident.id, type: 'gp_referral_answered' });
  const coordinators = await nightCoordinators(trx, incident.alliance_id);
  return { incidentId, userIds: [...(incident.assigned_user_id ? [incident.assigned_user_id] : []), ...coordinators].filter((u) => u !== actorUserId) };
}

/** After commit: the answer reaches the nurse's and the coordinators' phones even with the app closed. */
function pushAnswer(deps: PlatformDeps, recipients: { incidentId: string; userIds: string[] } | null): void {
  if (recipients) void pushToUsers(deps, recipients.userIds, { type: 'referral_answered', incidentId: recipients.incidentId }).catch(() => undefined);
}

const allianceOf = (ctx: AccessContext, allianceId?: string) => {
  return actingAlliance(ctx, allianceId);
};

/** Replaces the postcode ranges a GP post covers in the alliance. Alliance administrators only. */
export async function setGpPostAreas(deps: PlatformDeps, ctx: AccessContext, input: { allianceId?: string; gpPostId: string; ranges: PostcodeRange[] }) {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators set GP post areas');
  const allianceId = allianceOf(ctx, input.allianceId);
  const overlap = firstOverlap(input.ranges);
  if (overlap >= 0) throw invalid('Postcode ranges of one GP post must not overlap', [{ path: `ranges.${overlap}`, code: 'overlap', message: 'This range overlaps another range of the same GP post' }]);
  return deps.db.transaction().execute(async (trx) => {
    const [post] = await referrals.gpPostsOf(trx, allianceId, [input.gpPostId]);
    if (!post) throw invalid('Not a GP post of this alliance', [{ path: 'gpPostId', code: 'not_gp_post', message: 'Not a GP post of this alliance' }]);
    await referrals.replaceAreas(trx, allianceId, post.id, input.ranges);
    return { gpPostId: post.id, gpPostName: post.name, ranges: [...input.ranges].sort((a, b) => a.from - b.from) };
  });
}

/** The region's GP posts with the ranges they cover; for every member of the alliance. */
export async function listGpPostAreas(deps: PlatformDeps, ctx: AccessContext, allianceId?: string) {
  const chosen = allianceOf(ctx, allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const [posts, areas] = await Promise.all([referrals.gpPostsOf(trx, chosen), referrals.areasOf(trx, chosen)]);
    return posts.map((p) => ({ gpPostId: p.id, gpPostName: p.name, ranges: areas.filter((a) => a.gpPostId === p.id).map((a) => ({ from: a.from, to: a.to })) }));
  });
}
