// The functions' own entry points: the package's index loads all of date-fns (close to a second on a busy
// machine), and this module is on the DC-09 receiver's import path (issue 15, restart speed).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

export interface ShiftWindow {
  startsAt: Date;
  endsAt: Date;
  /** The local calendar date on which the shift starts, e.g. 2026-03-28 for the night into Sunday 29 March. */
  night: string;
}

export interface ShiftTimes {
  /** Local wall-clock times, `HH:MM` or `HH:MM:SS`. */
  start: string;
  end: string;
}

const hhmm = (time: string) => time.slice(0, 5);

/**
 * The night shift that starts on a local date, in the alliance's zone. Wall-clock times are converted
 * through the zone, so a shift over a DST change is 7 or 9 hours long instead of 8.
 */
export function shiftStartingOn(night: string, zone: string, times: ShiftTimes): ShiftWindow {
  const startsAt = fromZonedTime(`${night}T${hhmm(times.start)}:00`, zone);
  const crossesMidnight = hhmm(times.end) <= hhmm(times.start);
  const endDate = crossesMidnight ? format(addDays(new Date(`${night}T12:00:00Z`), 1), 'yyyy-MM-dd') : night;
  const endsAt = fromZonedTime(`${endDate}T${hhmm(times.end)}:00`, zone);
  return { startsAt, endsAt, night };
}

/** The shift an instant falls in, or else the next one to start; used to file alarms and handovers. */
export function shiftAt(instant: Date, zone: string, times: ShiftTimes): ShiftWindow {
  const localDate = formatInTimeZone(instant, zone, 'yyyy-MM-dd');
  const yesterday = format(addDays(new Date(`${localDate}T12:00:00Z`), -1), 'yyyy-MM-dd');
  const previous = shiftStartingOn(yesterday, zone, times);
  if (instant >= previous.startsAt && instant < previous.endsAt) return previous;
  return shiftStartingOn(localDate, zone, times);
}

/** The most recent shift that has ended by `instant`: the night whose handover is due. */
export function lastEndedShift(instant: Date, zone: string, times: ShiftTimes): ShiftWindow {
  const localDate = formatInTimeZone(instant, zone, 'yyyy-MM-dd');
  for (let back = 0; back <= 2; back++) {
    const night = format(addDays(new Date(`${localDate}T12:00:00Z`), -back), 'yyyy-MM-dd');
    const shift = shiftStartingOn(night, zone, times);
    if (shift.endsAt <= instant) return shift;
  }
  throw new Error('No ended shift within two days');
}
