import { hasRole, type AccessContext, type AdminActor, type BootstrapActor, type Role } from '../../platform/access/index.js';
import { hashPassword, newApiKey } from '../../platform/auth/index.js';
import type { Db } from '../../platform/db/index.js';
import { conflict, forbidden, notFound } from '../../platform/http/index.js';
import type { AgreementCreate, AllianceSettingsUpdate, OrganisationCreate, StaffCreate } from './schemas.js';
import * as store from './store.js';

/** Alliances are set up by the platform itself (seed, first start): no staff role creates one. */
export async function createAlliance(db: Db, _actor: BootstrapActor, input: { name: string; region: string; timeZone?: string; consentModel?: 'objection' | 'explicit_consent' }): Promise<string> {
  return store.insertAlliance(db, { name: input.name, region: input.region, timeZone: input.timeZone ?? 'Europe/Amsterdam', consentModel: input.consentModel ?? 'objection' });
}

/** Creates an organisation as a member of the alliance; an alliance administrator of that alliance, or the bootstrap. */
export async function createOrganisation(db: Db, actor: AdminActor, input: OrganisationCreate): Promise<string> {
  if (actor.actorKind !== 'bootstrap') assertAllianceAdmin(actor, input.allianceId);
  return db.transaction().execute(async (trx) => {
    const organisationId = await store.insertOrganisation(trx, { name: input.name, kind: input.kind, city: input.city ?? null });
    await store.insertMembership(trx, input.allianceId, organisationId);
    return organisationId;
  });
}

/** Makes an existing organisation a member of another alliance too (Icare is in night care and respite); the bootstrap only, for now. */
export async function joinAlliance(db: Db, _actor: BootstrapActor, allianceId: string, organisationId: string): Promise<void> {
  if (await store.isMember(db, allianceId, organisationId)) return;
  await store.insertMembership(db, allianceId, organisationId);
}

/** Records an organisation's data-sharing agreement; an alliance administrator of that alliance, or the bootstrap. */
export async function createAgreement(db: Db, actor: AdminActor, input: AgreementCreate): Promise<string> {
  if (actor.actorKind !== 'bootstrap') assertAllianceAdmin(actor, input.allianceId);
  if (!(await store.isMember(db, input.allianceId, input.organisationId))) throw notFound('Organisation in this alliance');
  return store.insertAgreement(db, input);
}

/**
 * Creates a staff account with roles in one organisation, or adds the roles when the email exists: an
 * administrator of that same organisation (only an alliance administrator grants that role), or the bootstrap.
 */
export async function createStaff(db: Db, actor: AdminActor, organisationId: string, input: StaffCreate): Promise<string> {
  if (actor.actorKind !== 'bootstrap') assertMayAddStaff(actor, organisationId, input.roles);
  const existing = await store.userIdByEmail(db, input.email);
  const passwordHash = existing ? undefined : await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const userId = existing ?? (await store.insertUser(trx, { email: input.email, name: input.name, passwordHash: passwordHash ?? '' }));
    await store.grantRoles(trx, userId, organisationId, input.roles);
    return userId;
  });
}

export async function addTeamMember(db: Db, input: { allianceId: string; teamName: string; userId: string; organisationId: string }): Promise<string> {
  const teamId = (await store.teamIdByName(db, input.allianceId, input.teamName)) ?? (await store.insertTeam(db, input.allianceId, input.teamName));
  await store.insertTeamMember(db, { teamId, userId: input.userId, organisationId: input.organisationId });
  return teamId;
}

export async function listAlliances(db: Db, ctx: AccessContext) {
  const rows = await store.alliancesOf(db, ctx.organisationId);
  return rows.map((a) => ({ id: a.id, name: a.name, region: a.region, timeZone: a.time_zone, consentModel: a.consent_model, plannedVisitsEnabled: a.planned_visits_enabled }));
}

export async function listOrganisations(db: Db, ctx: AccessContext) {
  return store.organisationsIn(db, ctx.allianceIds);
}

export async function listAgreements(db: Db, ctx: AccessContext) {
  const today = new Date().toISOString().slice(0, 10);
  const rows = await store.agreementsIn(db, ctx.allianceIds);
  return rows.map((a) => ({
    id: a.id,
    allianceId: a.alliance_id,
    organisationId: a.organisation_id,
    organisationName: a.organisation_name,
    purposes: a.purposes,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    signedBy: a.signed_by,
    active: a.starts_on <= today && (a.ends_on === null || a.ends_on >= today),
  }));
}

/** The alliance's own choices (planned night visits); its administrators only. */
export async function updateAllianceSettings(db: Db, ctx: AccessContext, allianceId: string, input: AllianceSettingsUpdate): Promise<void> {
  assertAllianceAdmin(ctx, allianceId);
  await store.updateAllianceSettings(db, allianceId, input);
}

/** Alliance administrators manage organisations and agreements only of alliances they belong to. */
export function assertAllianceAdmin(ctx: AccessContext, allianceId: string): void {
  if (!hasRole(ctx, 'alliance_admin') || !ctx.allianceIds.includes(allianceId)) throw forbidden('Requires the alliance administrator role in this alliance');
}

export async function listStaff(db: Db, ctx: AccessContext) {
  const rows = await store.staffOf(db, ctx.organisationId);
  const byUser = new Map<string, { id: string; name: string; email: string; roles: string[]; totpEnabled: boolean }>();
  for (const row of rows) {
    const entry = byUser.get(row.id) ?? { id: row.id, name: row.name, email: row.email, roles: [], totpEnabled: row.totp_enabled };
    entry.roles.push(row.role);
    byUser.set(row.id, entry);
  }
  return [...byUser.values()];
}

/** Staff join an organisation through its own administrators; only an alliance administrator hands out that role. */
function assertMayAddStaff(ctx: AccessContext, organisationId: string, wanted: Role[]): void {
  if (ctx.actorKind !== 'user' || ctx.organisationId !== organisationId || !hasRole(ctx, 'organisation_admin', 'alliance_admin')) throw forbidden('Requires an administrator of this organisation');
  if (wanted.includes('alliance_admin') && !hasRole(ctx, 'alliance_admin')) throw forbidden('Only an alliance administrator may grant that role');
}

export async function createApiKey(db: Db, organisationId: string, name: string, messaging = false): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix, hash } = newApiKey();
  const id = await store.insertApiKey(db, { organisationId, name, prefix, hash, messaging });
  return { id, key, prefix };
}

export const listApiKeys = (db: Db, organisationId: string) => store.apiKeysOf(db, organisationId);

export async function revokeApiKey(db: Db, organisationId: string, id: string): Promise<void> {
  if (!(await store.revokeApiKey(db, organisationId, id))) throw conflict('No such active key');
}
