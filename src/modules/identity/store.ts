import { afterSessionChange } from '../../platform/auth/index.js';
import type { Db } from '../../platform/db/index.js';

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('app_user').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Marks a TOTP time step as used when it is later than the last one; false for a replayed or older code.
 * One conditional update, so two logins racing with the same code cannot both win.
 */
export async function useTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const updated = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export const membershipsOf = (db: Db, userId: string) =>
  db
    .selectFrom('staff_role')
    .innerJoin('organisation', 'organisation.id', 'staff_role.organisation_id')
    .select(['organisation.id as organisationId', 'organisation.name as organisationName', 'organisation.kind', 'staff_role.role'])
    .where('staff_role.user_id', '=', userId)
    .orderBy('organisation.name')
    .execute();

/** The alliances an organisation is a member of, by name, with their zones. */
export const alliancesOf = (db: Db, organisationId: string) =>
  db
    .selectFrom('alliance')
    .innerJoin('alliance_membership as m', 'm.alliance_id', 'alliance.id')
    .select(['alliance.id', 'alliance.name', 'alliance.time_zone'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('alliance.name')
    .execute();

// Session changes are answered once the instances' session caches have let go of the old state
// (afterSessionChange), so the next request sees the change on any instance.

/** Another organisation may be in other alliances: the session's alliance choice starts afresh (see `teamAlliance`). */
export const setSessionOrganisation = (db: Db, tokenHash: string, organisationId: string, allianceId: string | null) =>
  afterSessionChange(db, () => db.updateTable('user_session').set({ organisation_id: organisationId, alliance_id: allianceId }).where('token_hash', '=', tokenHash).execute());

export const setSessionAlliance = (db: Db, tokenHash: string, allianceId: string) =>
  afterSessionChange(db, () => db.updateTable('user_session').set({ alliance_id: allianceId }).where('token_hash', '=', tokenHash).execute());

export const markSecondFactorDone = (db: Db, tokenHash: string) =>
  afterSessionChange(db, () => db.updateTable('user_session').set({ second_factor_done: true }).where('token_hash', '=', tokenHash).execute());

export const deleteSession = (db: Db, tokenHash: string) => afterSessionChange(db, () => db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute());

export const deleteAllSessions = (db: Db, userId: string) => afterSessionChange(db, () => db.deleteFrom('user_session').where('user_id', '=', userId).execute());

export const storeTotpSecret = (db: Db, userId: string, sealedSecret: string) =>
  db.updateTable('app_user').set({ totp_secret_enc: sealedSecret, totp_enabled: false }).where('id', '=', userId).execute();

export const enableTotp = (db: Db, userId: string) => db.updateTable('app_user').set({ totp_enabled: true }).where('id', '=', userId).execute();
