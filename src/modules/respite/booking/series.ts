import rrule from 'rrule';
import { fromZonedTime } from 'date-fns-tz';

/** At most a year of occurrences per series: enough for "every six weeks", bounded for an endless rule. */
export const MAX_OCCURRENCES = 26;
/** Check-in and check-out wall-clock times at the location (our choice, like a hotel's). */
export const CHECK_IN = '14:00';
export const CHECK_OUT = '11:00';

export interface Occurrence {
  /** First night, YYYY-MM-DD in the alliance's zone. */
  from: string;
  /** Morning of departure (exclusive end of the nights). */
  to: string;
  checkIn: Date;
  checkOut: Date;
}

export const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The stays of a series. The rule runs over floating dates (UTC midnight stands for a local calendar
 * day), so a DST change cannot move an occurrence to another day; only the check-in and check-out
 * instants are made in the alliance's zone, where they get the right offset on each side of the change.
 */
export function expandSeries(rule: string, firstCheckIn: string, nights: number, timeZone: string, limit = MAX_OCCURRENCES): Occurrence[] {
  const dtstart = firstCheckIn.replaceAll('-', '');
  const parsed = rrule.rrulestr(`DTSTART:${dtstart}T000000Z\nRRULE:${rule.replace(/^RRULE:/i, '')}`);
  const dates = parsed.all((_date, i) => i < limit);
  return dates.map((date) => {
    const from = date.toISOString().slice(0, 10);
    const to = addDays(from, nights);
    return { from, to, checkIn: fromZonedTime(`${from}T${CHECK_IN}:00`, timeZone), checkOut: fromZonedTime(`${to}T${CHECK_OUT}:00`, timeZone) };
  });
}
