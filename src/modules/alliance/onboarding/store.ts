import { sql } from 'kysely';
import type { Db, Executor } from '../../../platform/db/index.js';

export async function insertInvitation(
  executor: Executor,
  invitation: { allianceId: string; organisationId: string; email: string; name: string; roles: string[]; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<string> {
  const row = await executor
    .insertInto('staff_invitation')
    .values({
      alliance_id: invitation.allianceId,
      organisation_id: invitation.organisationId,
      email: invitation.email,
      name: invitation.name,
      roles: invitation.roles,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      expires_at: invitation.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An open invitation by its token's hash: not accepted, not expired. Locked when taken for acceptance, so a token works once. */
export const openInvitation = (executor: Executor, tokenHash: string, forUpdate = false) => {
  const query = executor
    .selectFrom('staff_invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.alliance_id', 'i.organisation_id', 'i.email', 'i.name', 'i.roles', 'o.name as organisation_name'])
    .where('i.token_hash', '=', tokenHash)
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', new Date());
  return (forUpdate ? query.forUpdate('i') : query).executeTakeFirst();
};

export async function markAccepted(executor: Executor, id: string, userId: string): Promise<void> {
  await executor.updateTable('staff_invitation').set({ accepted_at: new Date(), accepted_user_id: userId }).where('id', '=', id).execute();
}

export const organisationInAlliance = (db: Db | Executor, allianceId: string, organisationId: string) =>
  db
    .selectFrom('organisation as o')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('m.alliance_id', '=', allianceId)
    .where('o.id', '=', organisationId)
    .executeTakeFirst();

/** The facts of an organisation's onboarding checklist, in one statement. */
export async function checklistFacts(db: Db, allianceId: string, organisationId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const { rows } = await sql<{ agreement: boolean; administrator: boolean; invitation_pending: boolean; clients: number; letters: boolean; team_members: number }>`
    SELECT
      EXISTS (SELECT 1 FROM data_sharing_agreement d WHERE d.alliance_id = ${allianceId} AND d.organisation_id = ${organisationId}
        AND d.purposes @> ARRAY['nightcare']::text[] AND d.starts_on <= ${today}::date AND (d.ends_on IS NULL OR d.ends_on >= ${today}::date)) AS agreement,
      EXISTS (SELECT 1 FROM staff_role r JOIN app_user u ON u.id = r.user_id WHERE r.organisation_id = ${organisationId} AND r.role = 'organisation_admin' AND u.totp_enabled) AS administrator,
      EXISTS (SELECT 1 FROM staff_invitation i WHERE i.organisation_id = ${organisationId} AND i.accepted_at IS NULL AND i.expires_at > now()) AS invitation_pending,
      (SELECT count(*) FROM client c WHERE c.alliance_id = ${allianceId} AND c.organisation_id = ${organisationId} AND c.care_ended_on IS NULL)::int AS clients,
      EXISTS (SELECT 1 FROM information_letter l WHERE l.alliance_id = ${allianceId} AND l.organisation_id = ${organisationId}) AS letters,
      (SELECT count(*) FROM team_member m JOIN team t ON t.id = m.team_id WHERE t.alliance_id = ${allianceId} AND t.purpose = 'nightcare' AND m.organisation_id = ${organisationId})::int AS team_members
  `.execute(db);
  return rows[0];
}

export async function nightTeamId(executor: Executor, allianceId: string): Promise<string | undefined> {
  return (await executor.selectFrom('team').select('id').where('alliance_id', '=', allianceId).where('purpose', '=', 'nightcare').orderBy('name').executeTakeFirst())?.id;
}

/** Night-care staff (nurses, coordinators) of the alliance's organisations, with whether they are in the night team. */
export const teamCandidates = (db: Db, allianceId: string, teamId: string | null) =>
  db
    .selectFrom('staff_role as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .innerJoin('alliance_membership as am', 'am.organisation_id', 'o.id')
    .leftJoin('team_member as m', (join) => join.onRef('m.user_id', '=', 'u.id').onRef('m.organisation_id', '=', 'o.id').on('m.team_id', '=', teamId))
    .select(['u.id as user_id', 'u.name', 'u.email', 'o.id as organisation_id', 'o.name as organisation_name'])
    .select((eb) => [eb.fn.agg<string[]>('array_agg', ['r.role']).as('roles'), eb.fn.count<number>('m.user_id').as('member')])
    .where('am.alliance_id', '=', allianceId)
    .where('r.role', 'in', ['nurse', 'coordinator'])
    .groupBy(['u.id', 'u.name', 'u.email', 'o.id', 'o.name'])
    .orderBy('o.name')
    .orderBy('u.name')
    .execute();

export async function insertTeam(executor: Executor, allianceId: string, name: string): Promise<string> {
  return (await executor.insertInto('team').values({ alliance_id: allianceId, name, purpose: 'nightcare' }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertMember(executor: Executor, teamId: string, userId: string, organisationId: string): Promise<boolean> {
  const row = await executor
    .insertInto('team_member')
    .values({ team_id: teamId, user_id: userId, organisation_id: organisationId })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteMember(executor: Executor, teamId: string, userId: string): Promise<boolean> {
  const result = await executor.deleteFrom('team_member').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether the user works in the organisation in a night-care role. */
export async function hasNightRole(executor: Executor, userId: string, organisationId: string): Promise<boolean> {
  const row = await executor.selectFrom('staff_role').select('role').where('user_id', '=', userId).where('organisation_id', '=', organisationId).where('role', 'in', ['nurse', 'coordinator']).executeTakeFirst();
  return row !== undefined;
}
