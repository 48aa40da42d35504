import type { Executor } from '../../platform/db/index.js';

/** The alliance's night settings: its zone, the shift's wall-clock times and the dispatch rules. */
export const allianceSettings = (executor: Executor, allianceId: string) =>
  executor
    .selectFrom('alliance')
    .select(['id', 'time_zone', 'night_shift_start', 'night_shift_end', 'auto_dispatch_urgencies', 'offer_timeout_minutes', 'planned_visits_enabled'])
    .where('id', '=', allianceId)
    .executeTakeFirstOrThrow();

/** Staff of the alliance's night team (coordinators and nurses), whichever organisation employs them. */
export async function isNightTeamMember(executor: Executor, allianceId: string, userId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('team_member as m')
    .innerJoin('team as t', 't.id', 'm.team_id')
    .select('m.user_id')
    .where('t.alliance_id', '=', allianceId)
    .where('t.purpose', '=', 'nightcare')
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The night team's coordinators: whom a GP post's answer is pushed to beside the nurse. */
export async function nightCoordinators(executor: Executor, allianceId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('team_member as m')
    .innerJoin('team as t', 't.id', 'm.team_id')
    .innerJoin('staff_role as r', 'r.user_id', 'm.user_id')
    .select('m.user_id')
    .distinct()
    .where('t.alliance_id', '=', allianceId)
    .where('t.purpose', '=', 'nightcare')
    .where('r.role', '=', 'coordinator')
    .execute();
  return rows.map((r) => r.user_id);
}

/** The organisations the alliance's night coordinators work for there: who runs its night dispatch. */
export async function nightDispatchOrganisations(executor: Executor, allianceId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('team_member as m')
    .innerJoin('team as t', 't.id', 'm.team_id')
    .innerJoin('staff_role as r', (join) => join.onRef('r.user_id', '=', 'm.user_id').onRef('r.organisation_id', '=', 'm.organisation_id'))
    .select('m.organisation_id')
    .distinct()
    .where('t.alliance_id', '=', allianceId)
    .where('t.purpose', '=', 'nightcare')
    .where('r.role', '=', 'coordinator')
    .orderBy('m.organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** The nurses on duty at one instant, with their last reported position. */
export const nursesOnDutyAt = (executor: Executor, allianceId: string, at: Date) =>
  executor
    .selectFrom('nurse_duty as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .select(['d.id', 'd.user_id', 'd.organisation_id', 'u.name', 'd.skills', 'd.latitude', 'd.longitude', 'd.position_at', 'd.starts_at', 'd.ends_at'])
    .where('d.alliance_id', '=', allianceId)
    .where('d.starts_at', '<=', at)
    .where('d.ends_at', '>', at)
    .orderBy('u.name')
    .execute();

/** The duties that overlap a period (a night shift), for the route planner. */
export const dutiesIn = (executor: Executor, allianceId: string, from: Date, to: Date) =>
  executor
    .selectFrom('nurse_duty as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .select(['d.user_id', 'u.name', 'd.skills', 'd.latitude', 'd.longitude', 'd.starts_at', 'd.ends_at'])
    .where('d.alliance_id', '=', allianceId)
    .where('d.starts_at', '<', to)
    .where('d.ends_at', '>', from)
    .orderBy('u.name')
    .execute();

export const upsertDuty = (
  executor: Executor,
  duty: { allianceId: string; userId: string; organisationId: string; startsAt: Date; endsAt: Date; skills: string[] },
) =>
  executor
    .insertInto('nurse_duty')
    .values({ alliance_id: duty.allianceId, user_id: duty.userId, organisation_id: duty.organisationId, starts_at: duty.startsAt, ends_at: duty.endsAt, skills: duty.skills })
    .onConflict((oc) => oc.columns(['user_id', 'starts_at']).doUpdateSet({ skills: duty.skills }))
    .returning(['id', 'starts_at', 'ends_at', 'skills'])
    .executeTakeFirstOrThrow();

/** Sets the position on the nurse's duty that runs now; the number of duties changed (0 when off duty). */
export async function setPosition(executor: Executor, userId: string, latitude: number, longitude: number, now: Date): Promise<number> {
  const result = await executor
    .updateTable('nurse_duty')
    .set({ latitude, longitude, position_at: now })
    .where('user_id', '=', userId)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const currentOrNextDuty = (executor: Executor, userId: string, now: Date) =>
  executor
    .selectFrom('nurse_duty')
    .select(['id', 'starts_at', 'ends_at', 'skills', 'latitude', 'longitude', 'break_since'])
    .where('user_id', '=', userId)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();

/** The organisation that employs each nurse, for the access a planned visit grants. */
export async function nurseOrganisations(executor: Executor): Promise<Map<string, string>> {
  const rows = await executor.selectFrom('staff_role').select(['user_id', 'organisation_id']).where('role', '=', 'nurse').execute();
  return new Map(rows.map((r) => [r.user_id, r.organisation_id]));
}

/** Who signed up for a night: the duties overlapping it, with the employing organisation and any break. */
export const rosterDuties = (executor: Executor, allianceId: string, from: Date, to: Date) =>
  executor
    .selectFrom('nurse_duty as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .innerJoin('organisation as o', 'o.id', 'd.organisation_id')
    .select(['d.user_id', 'u.name', 'd.organisation_id', 'o.name as organisation_name', 'd.skills', 'd.starts_at', 'd.ends_at', 'd.break_since'])
    .where('d.alliance_id', '=', allianceId)
    .where('d.starts_at', '<', to)
    .where('d.ends_at', '>', from)
    .orderBy('u.name')
    .execute();

/** Starts (an instant) or ends (null) the break on the nurse's duty that runs now; the number of duties changed. */
export async function setBreak(executor: Executor, userId: string, since: Date | null, now: Date): Promise<number> {
  const result = await executor.updateTable('nurse_duty').set({ break_since: since }).where('user_id', '=', userId).where('starts_at', '<=', now).where('ends_at', '>', now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
