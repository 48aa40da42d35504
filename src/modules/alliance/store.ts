import type { Role } from '../../platform/access/index.js';
import type { Db, Executor } from '../../platform/db/index.js';
import type { AgreementCreate, OrganisationCreate } from './schemas.js';

export const alliancesOf = (db: Db, organisationId: string) =>
  db
    .selectFrom('alliance')
    .innerJoin('alliance_membership as m', 'm.alliance_id', 'alliance.id')
    .select(['alliance.id', 'alliance.name', 'alliance.region', 'alliance.time_zone', 'alliance.consent_model', 'alliance.planned_visits_enabled'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('alliance.name')
    .execute();

export const organisationsIn = (db: Db, allianceIds: string[]) =>
  allianceIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('organisation')
        .innerJoin('alliance_membership as m', 'm.organisation_id', 'organisation.id')
        .select(['organisation.id', 'organisation.name', 'organisation.kind', 'organisation.city'])
        .where('m.alliance_id', 'in', allianceIds)
        .distinct()
        .orderBy('organisation.name')
        .execute();

export const agreementsIn = (db: Db, allianceIds: string[]) =>
  allianceIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('data_sharing_agreement as a')
        .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
        .select(['a.id', 'a.alliance_id', 'a.organisation_id', 'o.name as organisation_name', 'a.purposes', 'a.starts_on', 'a.ends_on', 'a.signed_by'])
        .where('a.alliance_id', 'in', allianceIds)
        .orderBy('o.name')
        .execute();

export const staffOf = (db: Db, organisationId: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('staff_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.totp_enabled', 'r.role'])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('u.name')
    .execute();

export async function insertAlliance(db: Db, alliance: { name: string; region: string; timeZone: string; consentModel: 'objection' | 'explicit_consent' }): Promise<string> {
  const row = await db
    .insertInto('alliance')
    .values({ name: alliance.name, region: alliance.region, time_zone: alliance.timeZone, consent_model: alliance.consentModel })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertOrganisation(executor: Executor, organisation: { name: string; kind: OrganisationCreate['kind']; city: string | null }): Promise<string> {
  return (await executor.insertInto('organisation').values(organisation).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertMembership(executor: Executor, allianceId: string, organisationId: string): Promise<void> {
  await executor.insertInto('alliance_membership').values({ alliance_id: allianceId, organisation_id: organisationId }).execute();
}

export async function isMember(db: Db, allianceId: string, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom('alliance_membership').select('organisation_id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}

export async function insertAgreement(db: Db, input: AgreementCreate): Promise<string> {
  const row = await db
    .insertInto('data_sharing_agreement')
    .values({ alliance_id: input.allianceId, organisation_id: input.organisationId, purposes: input.purposes, starts_on: input.startsOn, ends_on: input.endsOn ?? null, signed_by: input.signedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** E-mail addresses are matched without regard to case, as at login. */
export async function userIdByEmail(db: Db, email: string): Promise<string | undefined> {
  return (await db.selectFrom('app_user').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email)).executeTakeFirst())?.id;
}

export async function insertUser(executor: Executor, user: { email: string; name: string; passwordHash: string }): Promise<string> {
  return (await executor.insertInto('app_user').values({ email: user.email, name: user.name, password_hash: user.passwordHash }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Adds roles in one organisation; roles the user already has there stay as they are. */
export async function grantRoles(executor: Executor, userId: string, organisationId: string, roles: Role[]): Promise<void> {
  await executor
    .insertInto('staff_role')
    .values(roles.map((role) => ({ user_id: userId, organisation_id: organisationId, role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function teamIdByName(db: Db, allianceId: string, name: string): Promise<string | undefined> {
  return (await db.selectFrom('team').select('id').where('alliance_id', '=', allianceId).where('name', '=', name).executeTakeFirst())?.id;
}

export async function insertTeam(db: Db, allianceId: string, name: string): Promise<string> {
  return (await db.insertInto('team').values({ alliance_id: allianceId, name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertTeamMember(db: Db, member: { teamId: string; userId: string; organisationId: string }): Promise<void> {
  await db.insertInto('team_member').values({ team_id: member.teamId, user_id: member.userId, organisation_id: member.organisationId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function insertApiKey(db: Db, key: { organisationId: string; name: string; prefix: string; hash: string; messaging: boolean }): Promise<string> {
  return (await db.insertInto('api_key').values({ organisation_id: key.organisationId, name: key.name, prefix: key.prefix, key_hash: key.hash, messaging: key.messaging }).returning('id').executeTakeFirstOrThrow()).id;
}

export const apiKeysOf = (db: Db, organisationId: string) =>
  db.selectFrom('api_key').select(['id', 'name', 'prefix', 'created_at', 'revoked_at']).where('organisation_id', '=', organisationId).orderBy('created_at').execute();

/** Revokes an active key of the organisation; false when there was none. */
export async function revokeApiKey(db: Db, organisationId: string, id: string): Promise<boolean> {
  const result = await db.updateTable('api_key').set({ revoked_at: new Date() }).where('id', '=', id).where('organisation_id', '=', organisationId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateAllianceSettings(db: Db, allianceId: string, settings: { plannedVisitsEnabled: boolean }): Promise<void> {
  await db.updateTable('alliance').set({ planned_visits_enabled: settings.plannedVisitsEnabled }).where('id', '=', allianceId).execute();
}
