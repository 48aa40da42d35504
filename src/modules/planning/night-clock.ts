import { formatInTimeZone, fromZonedTime, getTimezoneOffset } from 'date-fns-tz';

/** The calendar day after an ISO date (`YYYY-MM-DD`), on floating dates so no zone or DST change moves it. */
export const nextDay = (isoDate: string): string => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const HOUR = 3600_000;

/**
 * Wall-clock `HH:MM` on the night that starts on `night`: times before the shift's start hour fall on
 * the next morning. The instant is made in the alliance's zone, so 02:00 is 02:00 local on either side
 * of a DST change. On the change nights themselves RFC 5545 §3.3.5 decides: a time in the spring gap
 * is read with the offset from before the change (02:00 → 03:00 summer time), and a time the autumn
 * repeats is its first occurrence (still summer time).
 */
export function instantOnNight(night: string, clock: string, shiftStartClock: string, zone: string): Date {
  const local = `${clock < shiftStartClock.slice(0, 5) ? nextDay(night) : night}T${clock}:00`;
  const instant = fromZonedTime(local, zone);
  const wall = (d: Date) => formatInTimeZone(d, zone, 'HH:mm');
  if (wall(instant) !== clock) return new Date(Date.parse(`${local}Z`) - getTimezoneOffset(zone, new Date(instant.getTime() - 6 * HOUR)));
  const earlier = new Date(instant.getTime() - HOUR);
  return wall(earlier) === clock ? earlier : instant;
}
