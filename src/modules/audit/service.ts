import { hasRole, primaryRole, withClientAccess, type AccessContext } from '../../platform/access/index.js';
import { appendAudit, auditKeysFrom, verifyAuditLog } from '../../platform/audit/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, forbidden, notFound } from '../../platform/http/index.js';
import { renderAccessReport } from './access-report-pdf.js';
import type { AuditEntryOut, AuditQuery } from './schemas.js';
import * as store from './store.js';

type EntryRow = Awaited<ReturnType<typeof store.clientAccessTrail>>[number];

const toOut = (r: EntryRow): AuditEntryOut => ({
  id: r.id,
  at: r.at,
  userName: r.user_name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  role: r.role,
  clientId: r.client_id,
  action: r.action,
  resource: r.resource,
  fields: r.fields,
  purpose: r.purpose,
  reason: r.reason,
  outcome: r.outcome,
});

function assertOrganisationAdmin(ctx: AccessContext): void {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'organisation_admin')) throw forbidden('Requires the organisation administrator role');
}

/**
 * Showing audit entries or the review queue shows client data (who was accessed, client names), so it
 * is itself logged: one entry per client on the page (one without a client for an empty page),
 * committed before the page is returned.
 */
async function logViewing(deps: PlatformDeps, ctx: AccessContext, resource: 'audit_log' | 'emergency_review', shown: { clientId: string | null; allianceId: string | null; clientOrganisationId: string | null }[]): Promise<void> {
  const perClient = new Map(shown.filter((s) => s.clientId !== null).map((s) => [s.clientId, s]));
  const entries = perClient.size ? [...perClient.values()] : [{ clientId: null, allianceId: ctx.allianceId, clientOrganisationId: null }];
  await appendAudit(
    deps.db,
    entries.map((e) => ({
      allianceId: e.allianceId,
      userId: ctx.actorId,
      userName: ctx.actorName,
      organisationId: ctx.organisationId,
      role: primaryRole(ctx),
      clientId: e.clientId,
      clientOrganisationId: e.clientOrganisationId,
      action: 'read',
      resource,
      fields: [],
      purpose: 'audit_review',
      reason: null,
      grantId: null,
      outcome: 'allowed',
    })),
  );
}

export async function listAudit(deps: PlatformDeps, ctx: AccessContext, query: AuditQuery): Promise<AuditEntryOut[]> {
  assertOrganisationAdmin(ctx);
  // May come from a replica: the newest entries can be missing for the replication delay. The entries
  // this viewing adds go to the primary.
  const rows = await store.auditEntries(deps.readDb, ctx.organisationId, query);
  await logViewing(deps, ctx, 'audit_log', rows.map((r) => ({ clientId: r.client_id, allianceId: r.alliance_id, clientOrganisationId: r.client_organisation_id })));
  const names = await store.ownClientNames(deps.db, ctx.organisationId, rows.map((r) => r.client_id).filter((id): id is string => id !== null));
  return rows.map((r) => ({ ...toOut(r), clientName: r.client_id ? (names.get(r.client_id) ?? null) : null }));
}

/** A client's access trail; reading it is itself an audited access. */
export const clientTrail = (deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<AuditEntryOut[]> =>
  withClientAccess(deps.db, ctx, clientId, { level: 'audit_trail', action: 'read', resource: 'audit_trail' }, async () => (await store.clientAccessTrail(deps.db, clientId)).map(toOut));

export async function clientAccessReport(deps: PlatformDeps, ctx: AccessContext, clientId: string): Promise<Buffer> {
  const { client, entries, timeZone } = await withClientAccess(deps.db, ctx, clientId, { level: 'audit_trail', action: 'generate_report', resource: 'audit_trail' }, async (trx, permit) => {
    const row = await trx
      .selectFrom('client')
      .innerJoin('alliance', 'alliance.id', 'client.alliance_id')
      .select(['given_name', 'family_name', 'date_of_birth', 'alliance.time_zone'])
      .where('client.id', '=', permit.clientId)
      .executeTakeFirstOrThrow();
    const trail = (await store.clientAccessTrail(deps.db, clientId)).map(toOut);
    return { client: { name: `${row.given_name} ${row.family_name}`, dateOfBirth: row.date_of_birth }, entries: trail, timeZone: row.time_zone };
  });
  return renderAccessReport(client, entries, timeZone);
}

export async function listEmergencyReviews(deps: PlatformDeps, ctx: AccessContext, status?: string) {
  assertOrganisationAdmin(ctx);
  const rows = await store.emergencyGrants(deps.db, ctx.organisationId, status);
  await logViewing(deps, ctx, 'emergency_review', rows.map((r) => ({ clientId: r.client_id, allianceId: r.alliance_id, clientOrganisationId: ctx.organisationId })));
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: `${r.given_name} ${r.family_name}`,
    userName: r.user_name,
    organisationName: r.organisation_name,
    reason: r.reason,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    reviewStatus: r.review_status ?? 'pending',
    reviewNote: r.review_note,
  }));
}

/** The client's home organisation judges each break-the-glass access; the verdict is audited too. */
export async function reviewEmergencyAccess(deps: PlatformDeps, ctx: AccessContext, grantId: string, verdict: 'justified' | 'unjustified', note?: string): Promise<void> {
  assertOrganisationAdmin(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('access_grant as g')
      .innerJoin('client as c', 'c.id', 'g.client_id')
      .select(['g.id', 'g.alliance_id', 'g.client_id', 'g.review_status', 'c.organisation_id'])
      .where('g.id', '=', grantId)
      .where('g.kind', '=', 'emergency')
      .forUpdate()
      .executeTakeFirst();
    if (!grant || grant.organisation_id !== ctx.organisationId) throw notFound('Emergency access');
    if (grant.review_status !== 'pending') throw conflict('This emergency access has already been reviewed');
    await trx.updateTable('access_grant').set({ review_status: verdict, reviewed_by: ctx.actorId, reviewed_at: new Date(), review_note: note ?? null }).where('id', '=', grantId).execute();
    await appendAudit(trx, [
      {
        allianceId: grant.alliance_id,
        userId: ctx.actorId,
        userName: ctx.actorName,
        organisationId: ctx.organisationId,
        role: primaryRole(ctx),
        clientId: grant.client_id,
        clientOrganisationId: grant.organisation_id,
        action: 'review_emergency_access',
        resource: 'access_grant',
        fields: [],
        purpose: verdict,
        reason: note ?? null,
        grantId,
        outcome: 'allowed',
      },
    ]);
  });
}

export async function verifyChain(deps: PlatformDeps, ctx: AccessContext) {
  if (!hasRole(ctx, 'alliance_admin', 'organisation_admin')) throw forbidden('Requires an administrator role');
  // Only reads: entries not sealed yet are counted as pending, never sealed here. Truncation of the
  // newest entries needs the checkpoints outside the database: `npm run audit:verify` reads them.
  return verifyAuditLog(deps.db, auditKeysFrom(deps.secretBox));
}
