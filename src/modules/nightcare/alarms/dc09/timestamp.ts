import { fail, ok, type Result } from './errors.js';

/** DC-09-2013 §5.5.1.8: an encrypted message's timestamp may be at most 20 s ahead of or 40 s behind the receiver's clock. */
export const WINDOW_AHEAD_MS = 20_000;
export const WINDOW_BEHIND_MS = 40_000;

const PATTERN = /^(\d{2}):(\d{2}):(\d{2}),(\d{2})-(\d{2})-(\d{4})$/;

const two = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM:SS,MM-DD-YYYY` in UTC (DC-09 timestamps are UTC), without the leading '_'. */
export function formatTimestamp(at: Date): string {
  return (
    `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())},` +
    `${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}-${String(at.getUTCFullYear()).padStart(4, '0')}`
  );
}

export function parseTimestamp(text: string): Result<Date> {
  const m = PATTERN.exec(text);
  if (!m) return fail('body', `timestamp is not HH:MM:SS,MM-DD-YYYY: ${JSON.stringify(text.slice(0, 24))}`);
  const [hh, mi, ss, mo, dd, yyyy] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(yyyy, mo - 1, dd, hh, mi, ss));
  // Date.UTC rolls 31-02 over into March; a round trip catches impossible dates and times.
  if (formatTimestamp(at) !== text) return fail('body', `timestamp is not a real instant: ${text}`);
  return ok(at);
}

/** True when `sent` lies within [now - 40 s, now + 20 s], edges included. */
export function isWithinWindow(sent: Date, now: Date): boolean {
  const delta = sent.getTime() - now.getTime();
  return delta <= WINDOW_AHEAD_MS && delta >= -WINDOW_BEHIND_MS;
}
