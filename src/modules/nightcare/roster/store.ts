import type { Executor } from '../../../platform/db/index.js';

/** The alliance's staffing minimum per night. */
export const minimumNurses = async (executor: Executor, allianceId: string): Promise<number> =>
  (await executor.selectFrom('alliance').select('minimum_night_nurses').where('id', '=', allianceId).executeTakeFirstOrThrow()).minimum_night_nurses;

export const setMinimumNurses = (executor: Executor, allianceId: string, minimum: number) =>
  executor.updateTable('alliance').set({ minimum_night_nurses: minimum }).where('id', '=', allianceId).execute();

/**
 * The incidents the roster's nurses carry: open ones (their state now) and those received during the
 * shift (their workload). Statuses only; no client.
 */
export const nurseIncidents = (executor: Executor, allianceId: string, userIds: string[], shiftStart: Date) =>
  userIds.length === 0
    ? Promise.resolve([])
    : executor
        .selectFrom('incident')
        .select(['assigned_user_id', 'status', 'received_at', 'closed_at'])
        .where('alliance_id', '=', allianceId)
        .where('assigned_user_id', 'in', userIds)
        .where((eb) => eb.or([eb('closed_at', 'is', null), eb('received_at', '>=', shiftStart)]))
        .execute();
