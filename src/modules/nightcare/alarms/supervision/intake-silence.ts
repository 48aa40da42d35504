import { shiftAt, type ShiftTimes } from '../../../nightteam/index.js';

export interface IntakeSilenceInput {
  now: Date;
  /** The last frame or webhook from any source of the alliance; null if none ever came. */
  lastSeenAt: Date | null;
  zone: string;
  shift: ShiftTimes;
  /** The alliance's setting: minutes of silence at night before the board is warned. */
  minutes: number;
}

/**
 * Since when intake has been silent, if it has been silent too long; null when all is well. Only during
 * the night shift, and counted from the shift start at the earliest: a quiet evening before the night
 * is no fault of the receiver, and by day nobody watches the board.
 */
export function intakeQuietSince(input: IntakeSilenceInput): Date | null {
  const shift = shiftAt(input.now, input.zone, input.shift);
  if (input.now < shift.startsAt || input.now >= shift.endsAt) return null;
  const quietSince = input.lastSeenAt && input.lastSeenAt > shift.startsAt ? input.lastSeenAt : shift.startsAt;
  return input.now.getTime() - quietSince.getTime() >= input.minutes * 60_000 ? quietSince : null;
}
