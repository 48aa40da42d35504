import { randomBytes } from 'node:crypto';
import { actingAlliance, primaryRole, type AccessContext } from '../../../platform/access/index.js';
import { appendAudit, type AuditAction, type AuditResource } from '../../../platform/audit/index.js';
import { hashPassword, hashToken } from '../../../platform/auth/index.js';
import type { Db, Executor } from '../../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../../platform/http/index.js';
import { assertAllianceAdmin } from '../service.js';
import * as staffStore from '../store.js';
import type { InvitationCreate } from './schemas.js';
import * as store from './store.js';

/** An invitation link stays usable for a week: long enough to hand over, short enough not to linger. */
const INVITATION_DAYS = 7;
const NIGHT_TEAM_NAME = 'Regionaal nachtteam';

/** The alliance the administrator acts in, and the organisation as one of its members (else not found). */
async function adminOf(db: Db | Executor, ctx: AccessContext, organisationId: string) {
  const allianceId = actingAlliance(ctx);
  assertAllianceAdmin(ctx, allianceId);
  const organisation = await store.organisationInAlliance(db, allianceId, organisationId);
  if (!organisation) throw notFound('Organisation in this alliance');
  return { allianceId, organisation };
}

const audit = (trx: Executor, ctx: AccessContext, allianceId: string, action: AuditAction, resource: AuditResource, reason: Record<string, string>) =>
  appendAudit(trx, [
    {
      allianceId,
      userId: ctx.actorId,
      userName: ctx.actorName,
      organisationId: ctx.organisationId,
      role: primaryRole(ctx),
      clientId: null,
      clientOrganisationId: null,
      action,
      resource,
      fields: Object.keys(reason),
      purpose: 'onboarding',
      reason: JSON.stringify(reason),
      grantId: null,
      outcome: 'allowed',
    },
  ]);

/**
 * Invites a new organisation's first administrator: a one-time token, kept only as its hash. No mail
 * goes out from here: the alliance administrator hands the link over (or a mail capability sends it).
 */
export async function inviteAdministrator(db: Db, ctx: AccessContext, organisationId: string, input: InvitationCreate) {
  const { allianceId } = await adminOf(db, ctx, organisationId);
  if (await staffStore.userIdByEmail(db, input.email)) throw conflict('There is already an account with this e-mail address');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);
  const id = await db.transaction().execute(async (trx) => {
    const invitationId = await store.insertInvitation(trx, { allianceId, organisationId, email: input.email, name: input.name, roles: ['organisation_admin'], tokenHash: hashToken(token), invitedBy: ctx.actorId, expiresAt });
    await audit(trx, ctx, allianceId, 'invite', 'invitation', { organisation: organisationId, email: input.email });
    return invitationId;
  });
  return { id, link: `/invitation/${token}`, expiresAt };
}

export async function viewInvitation(db: Db, token: string) {
  const invitation = await store.openInvitation(db, hashToken(token));
  if (!invitation) throw notFound('Invitation');
  return { organisationName: invitation.organisation_name, email: invitation.email, name: invitation.name };
}

/** Sets the invitee's password and creates the account; the token works once. TOTP is set up at first login. */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const invitation = await store.openInvitation(trx, hashToken(token), true);
    if (!invitation) throw notFound('Invitation');
    if (await staffStore.userIdByEmail(db, invitation.email)) throw conflict('There is already an account with this e-mail address');
    const userId = await staffStore.insertUser(trx, { email: invitation.email, name: invitation.name, passwordHash });
    await staffStore.grantRoles(trx, userId, invitation.organisation_id, invitation.roles as ('organisation_admin')[]);
    await store.markAccepted(trx, invitation.id, userId);
    await appendAudit(trx, [
      { allianceId: invitation.alliance_id, userId, userName: invitation.name, organisationId: invitation.organisation_id, role: 'organisation_admin', clientId: null, clientOrganisationId: null, action: 'accept_invitation', resource: 'invitation', fields: [], purpose: 'onboarding', reason: null, grantId: null, outcome: 'allowed' },
    ]);
    return { email: invitation.email };
  });
}

/** The onboarding checklist of one organisation, derived from its data. */
export async function organisationChecklist(db: Db, ctx: AccessContext, organisationId: string) {
  const { allianceId, organisation } = await adminOf(db, ctx, organisationId);
  const facts = await store.checklistFacts(db, allianceId, organisationId);
  if (!facts) throw notFound('Organisation in this alliance');
  return {
    organisationId,
    organisationName: organisation.name,
    kind: organisation.kind,
    items: {
      agreement: facts.agreement,
      administrator: facts.administrator,
      invitationPending: facts.invitation_pending,
      clientImport: facts.clients > 0,
      letters: facts.letters,
      nightTeamMembers: facts.team_members > 0,
    },
    clients: facts.clients,
    nightTeamMembers: facts.team_members,
  };
}

/** The alliance's night-care staff, each with whether they are in the night team. */
export async function nightTeamCandidates(db: Db, ctx: AccessContext) {
  const allianceId = actingAlliance(ctx);
  assertAllianceAdmin(ctx, allianceId);
  const teamId = (await store.nightTeamId(db, allianceId)) ?? null;
  const rows = await store.teamCandidates(db, allianceId, teamId);
  return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, organisationId: r.organisation_id, organisationName: r.organisation_name, roles: r.roles, member: Number(r.member) > 0 }));
}

/** Adds a nurse or coordinator of a member organisation to the night team; audited. */
export async function addNightTeamMember(db: Db, ctx: AccessContext, userId: string, organisationId: string): Promise<void> {
  const { allianceId } = await adminOf(db, ctx, organisationId);
  await db.transaction().execute(async (trx) => {
    if (!(await store.hasNightRole(trx, userId, organisationId))) throw invalid('Only nurses and coordinators of this organisation join the night team', [{ path: 'userId', code: 'not_night_staff', message: 'Not a nurse or coordinator of this organisation' }]);
    const teamId = (await store.nightTeamId(trx, allianceId)) ?? (await store.insertTeam(trx, allianceId, NIGHT_TEAM_NAME));
    if (await store.insertMember(trx, teamId, userId, organisationId)) await audit(trx, ctx, allianceId, 'add_member', 'team_member', { user: userId, organisation: organisationId });
  });
}

/** Takes a member out of the night team; audited. Their access through the team ends with it. */
export async function removeNightTeamMember(db: Db, ctx: AccessContext, userId: string): Promise<void> {
  const allianceId = actingAlliance(ctx);
  assertAllianceAdmin(ctx, allianceId);
  await db.transaction().execute(async (trx) => {
    const teamId = await store.nightTeamId(trx, allianceId);
    if (!teamId || !(await store.deleteMember(trx, teamId, userId))) throw notFound('Night team member');
    await audit(trx, ctx, allianceId, 'remove_member', 'team_member', { user: userId });
  });
}
