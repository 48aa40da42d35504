import type { Executor } from '../../platform/db/index.js';
import { allianceSettings } from './store.js';
import { shiftStartingOn, type ShiftWindow } from './shift.js';

/** The alliance's night shift that starts on a local date, with its zone for converting wall-clock times. */
export async function allianceNight(trx: Executor, allianceId: string, night: string): Promise<ShiftWindow & { zone: string }> {
  const settings = await allianceSettings(trx, allianceId);
  return { ...shiftStartingOn(night, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end }), zone: settings.time_zone };
}
