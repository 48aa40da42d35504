import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/index.js';
import { appendAudit } from '../audit/index.js';
import { forbidden, notFound } from '../http/index.light.js';
import { shareableWithCaller } from './client-access.js';
import { hasRole, primaryRole, type AccessContext, type Role } from './context.js';

/** Break-the-glass access lasts one night shift at most; it is reviewed afterwards. */
export const EMERGENCY_ACCESS_HOURS = 8;

export interface AssignmentGrant {
  allianceId: string;
  clientId: string;
  userId: string;
  organisationId: string;
  /** What the assignment is, e.g. `incident:<id>` or `visit:<id>`; revocation goes by it. */
  reference: string;
  expiresAt: Date;
}

/** The hook for night care (the grant's purpose): an assignment gives its nurse the client's night summary until it ends. */
export async function grantAssignmentAccess(trx: Transaction<Database> | Db, grant: AssignmentGrant): Promise<string> {
  const row = await trx
    .insertInto('access_grant')
    .values({
      alliance_id: grant.allianceId,
      client_id: grant.clientId,
      user_id: grant.userId,
      organisation_id: grant.organisationId,
      kind: 'assignment',
      purpose: 'nightcare',
      reference: grant.reference,
      expires_at: grant.expiresAt,
      review_status: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends the access of an assignment (incident closed, visit done); of one user or of all holders. */
export async function revokeAssignmentAccess(trx: Transaction<Database> | Db, reference: string, userId?: string): Promise<number> {
  let query = trx.updateTable('access_grant').set({ revoked_at: new Date() }).where('reference', '=', reference).where('revoked_at', 'is', null);
  if (userId) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Break-the-glass is for those who give care at night: the night team's nurses and coordinators, on duty. */
export const EMERGENCY_ROLES = ['nurse', 'coordinator'] as const;

/**
 * Break the glass: a night nurse or the night coordinator on duty (a member of the alliance's night
 * team while its night shift runs) opens a client's night summary of another partner with a reason;
 * the access is logged and queued for review. Anybody else is refused exactly like an unknown client.
 */
export async function requestEmergencyAccess(db: Db, ctx: AccessContext, clientId: string, reason: string): Promise<{ grantId: string; expiresAt: Date }> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, ...EMERGENCY_ROLES)) throw forbidden('Only night nurses and the night coordinator on duty may use emergency access');
  const outcome = await db.transaction().execute((trx) => breakTheGlass(trx, ctx, clientId, reason));
  if (!outcome) throw notFound('Client');
  return { grantId: outcome.grantId, expiresAt: outcome.expiresAt };
}

/**
 * The one break-the-glass rule, for our own nurses and for a partner's nurse alike: a night nurse or
 * coordinator on duty in the client's alliance (and, for a partner, the home organisation it names),
 * a grant of one night shift queued for review, audited in the nurse's name whether allowed or refused.
 */
async function breakTheGlass(
  trx: Transaction<Database>,
  nurse: AccessContext,
  clientId: string,
  reason: string,
  homeOrganisationId?: string | null,
): Promise<{ grantId: string; allianceId: string; clientOrganisationId: string; expiresAt: Date } | undefined> {
  const shared = hasRole(nurse, ...EMERGENCY_ROLES) ? await shareableWithCaller(trx, nurse, clientId) : undefined;
  const namesHome = homeOrganisationId === undefined || homeOrganisationId === shared?.fact.organisation_id;
  const fact = shared?.caller.onDuty.has(shared.fact.alliance_id) && namesHome ? shared.fact : undefined;
  const expiresAt = new Date(Date.now() + EMERGENCY_ACCESS_HOURS * 3600_000);
  const grant = fact
    ? await trx
        .insertInto('access_grant')
        .values({ alliance_id: fact.alliance_id, client_id: clientId, user_id: nurse.actorId, organisation_id: nurse.organisationId, kind: 'emergency', purpose: 'nightcare', reason, expires_at: expiresAt, review_status: 'pending' })
        .returning('id')
        .executeTakeFirstOrThrow()
    : undefined;
  await appendAudit(trx, [
    {
      allianceId: fact?.alliance_id ?? nurse.allianceId,
      userId: nurse.actorId,
      userName: nurse.actorName,
      organisationId: nurse.organisationId,
      role: primaryRole(nurse),
      clientId,
      clientOrganisationId: fact?.organisation_id ?? null,
      action: 'emergency_access',
      resource: 'night_summary',
      fields: [],
      purpose: 'emergency',
      reason,
      grantId: grant?.id ?? null,
      outcome: grant ? 'allowed' : 'refused',
    },
  ]);
  return fact && grant ? { grantId: grant.id, allianceId: fact.alliance_id, clientOrganisationId: fact.organisation_id, expiresAt } : undefined;
}

/**
 * The hook for respite: a requested or booked stay gives the care home's organisation the person's
 * respite needs (and name) until the stay ends, whoever works there then; a cancellation revokes it by
 * its reference (`stay:<id>`).
 */
export async function grantStayAccess(trx: Transaction<Database> | Db, grant: Omit<AssignmentGrant, 'userId'>): Promise<string> {
  const row = await trx
    .insertInto('access_grant')
    .values({ alliance_id: grant.allianceId, client_id: grant.clientId, user_id: null, organisation_id: grant.organisationId, kind: 'stay', purpose: 'respite', reference: grant.reference, expires_at: grant.expiresAt, review_status: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * An exchange partner asks access for one of its nurses to one client (the Nuts ANW authorization Task):
 * an assignment grant for exactly that nurse-client pair, made only when the client may be shared with
 * the partner's organisation and the request names the client's home organisation rightly. Audited either way in the same transaction; a refusal reads as an unknown client.
 */
export async function grantPartnerAssignment(
  trx: Transaction<Database>,
  ctx: AccessContext,
  input: { clientId: string; userId: string; reference: string; expiresAt: Date; homeOrganisationId: string | null },
): Promise<{ grantId: string; allianceId: string; clientOrganisationId: string } | undefined> {
  const shared = await shareableWithCaller(trx, ctx, input.clientId);
  const fact = shared && input.homeOrganisationId === shared.fact.organisation_id ? shared.fact : undefined;
  const grantId = fact
    ? await grantAssignmentAccess(trx, { allianceId: fact.alliance_id, clientId: input.clientId, userId: input.userId, organisationId: ctx.organisationId, reference: input.reference, expiresAt: input.expiresAt })
    : undefined;
  await appendAudit(trx, [
    {
      allianceId: fact?.alliance_id ?? ctx.allianceId,
      userId: ctx.actorId,
      userName: ctx.actorName,
      organisationId: ctx.organisationId,
      role: primaryRole(ctx),
      clientId: input.clientId,
      clientOrganisationId: fact?.organisation_id ?? null,
      action: 'create',
      resource: 'access_grant',
      fields: [],
      purpose: input.reference,
      reason: null,
      grantId: grantId ?? null,
      outcome: grantId ? 'allowed' : 'refused',
    },
  ]);
  return fact && grantId ? { grantId, allianceId: fact.alliance_id, clientOrganisationId: fact.organisation_id } : undefined;
}

/**
 * Break the glass through an exchange partner's system (the Nuts ANW BTG Task): the same rule as ours,
 * for the partner's nurse the Task names: a night nurse or coordinator on duty in the client's
 * alliance, a reason, a grant of one night shift at most, queued for review, audited in the nurse's
 * name via the system. Anybody else is refused exactly like an unknown client.
 */
export async function grantPartnerEmergencyAccess(
  trx: Transaction<Database>,
  ctx: AccessContext,
  input: { clientId: string; nurse: { id: string; name: string; roles: Role[] }; reason: string; homeOrganisationId: string | null },
): Promise<{ grantId: string; allianceId: string; clientOrganisationId: string; expiresAt: Date } | undefined> {
  const nurse: AccessContext = { ...ctx, actorKind: 'user', actorId: input.nurse.id, actorName: `${input.nurse.name} via ${ctx.actorName}`, roles: input.nurse.roles };
  return breakTheGlass(trx, nurse, input.clientId, input.reason, input.homeOrganisationId);
}
