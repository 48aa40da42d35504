import type { Db } from '../../platform/db/index.js';

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('app_user').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export async function recordFailedLogin(db: Db, userId: string, lockAfter: number, lockMinutes: number): Promise<void> {
  const user = await db
    .updateTable('app_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (user.failed_logins >= lockAfter) {
    await db.updateTable('app_user').set({ locked_until: new Date(Date.now() + lockMinutes * 60_000), failed_logins: 0 }).where('id', '=', userId).execute();
  }
}

export const resetFailedLogins = (db: Db, userId: string) =>
  db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();

export const membershipsOf = (db: Db, userId: string) =>
  db
    .selectFrom('staff_role')
    .innerJoin('organisation', 'organisation.id', 'staff_role.organisation_id')
    .select(['organisation.id as organisationId', 'organisation.name as organisationName', 'organisation.kind', 'staff_role.role'])
    .where('staff_role.user_id', '=', userId)
    .orderBy('organisation.name')
    .execute();

export async function allianceTimeZone(db: Db, organisationId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('alliance')
    .innerJoin('alliance_membership as m', 'm.alliance_id', 'alliance.id')
    .select('alliance.time_zone')
    .where('m.organisation_id', '=', organisationId)
    .orderBy('alliance.name')
    .executeTakeFirst();
  return row?.time_zone;
}

export const setSessionOrganisation = (db: Db, tokenHash: string, organisationId: string) =>
  db.updateTable('user_session').set({ organisation_id: organisationId }).where('token_hash', '=', tokenHash).execute();

export const markSecondFactorDone = (db: Db, tokenHash: string) =>
  db.updateTable('user_session').set({ second_factor_done: true }).where('token_hash', '=', tokenHash).execute();

export const deleteSession = (db: Db, tokenHash: string) => db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();

export const deleteAllSessions = (db: Db, userId: string) => db.deleteFrom('user_session').where('user_id', '=', userId).execute();

export const storeTotpSecret = (db: Db, userId: string, sealedSecret: string) =>
  db.updateTable('app_user').set({ totp_secret_enc: sealedSecret, totp_enabled: false }).where('id', '=', userId).execute();

export const enableTotp = (db: Db, userId: string) => db.updateTable('app_user').set({ totp_enabled: true }).where('id', '=', userId).execute();
