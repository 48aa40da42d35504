import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import type { RespiteSettingsBody } from './schemas.js';
import { SETTING_DEFAULTS } from './schemas.js';

/**
 * The alliance's settings as they are used (the database defaults where it has no row yet). `forUpdate`
 * locks the alliance row, so two administrators saving at once are audited in the order they took effect.
 */
export async function readSettings(executor: Executor, allianceId: string, forUpdate = false): Promise<RespiteSettingsBody | undefined> {
  const { rows } = await sql<RespiteSettingsBody>`
    SELECT coalesce(s.min_lead_days, ${SETTING_DEFAULTS.minLeadDays}) AS "minLeadDays", coalesce(s.hold_hours, ${SETTING_DEFAULTS.holdHours}) AS "holdHours",
      coalesce(s.min_group_size, ${SETTING_DEFAULTS.minGroupSize}) AS "minGroupSize", coalesce(s.crisis_phone, ${SETTING_DEFAULTS.crisisPhone}) AS "crisisPhone",
      a.respite_alarm_threshold AS "respiteAlarmThreshold"
    FROM alliance a LEFT JOIN respite_settings s ON s.alliance_id = a.id
    WHERE a.id = ${allianceId} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`.execute(executor);
  return rows[0];
}

export async function writeSettings(trx: Executor, allianceId: string, input: RespiteSettingsBody): Promise<void> {
  const values = { min_lead_days: input.minLeadDays, hold_hours: input.holdHours, min_group_size: input.minGroupSize, crisis_phone: input.crisisPhone };
  await trx.insertInto('respite_settings').values({ alliance_id: allianceId, ...values }).onConflict((oc) => oc.column('alliance_id').doUpdateSet(values)).execute();
  await trx.updateTable('alliance').set({ respite_alarm_threshold: input.respiteAlarmThreshold }).where('id', '=', allianceId).execute();
}
