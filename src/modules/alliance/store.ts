import type { Db } from '../../platform/db/index.js';

export const alliancesOf = (db: Db, organisationId: string) =>
  db
    .selectFrom('alliance')
    .innerJoin('alliance_membership as m', 'm.alliance_id', 'alliance.id')
    .select(['alliance.id', 'alliance.name', 'alliance.region', 'alliance.time_zone', 'alliance.consent_model'])
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
