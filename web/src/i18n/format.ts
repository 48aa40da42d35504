import { i18next } from './index.js';

/** The alliance's zone (from /api/auth/me); the server stores UTC and staff work in the alliance's time. */
let displayZone = 'Europe/Amsterdam';

export function setDisplayTimeZone(zone: string): void {
  displayZone = zone;
}

export const displayTimeZone = () => displayZone;

const locales: Record<string, string> = { nl: 'nl-NL', en: 'en-GB', da: 'da-DK' };
/** The Intl locale of the chosen language, for dates and numbers. */
export const locale = () => locales[i18next.language] ?? 'nl-NL';

/** A calendar date (yyyy-mm-dd) as the user writes it; no time zone shift. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(instant: string | null | undefined, timeZone = displayZone): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short', timeZone }).format(date);
}

/** "23:14": at night only the clock time matters. */
export function formatTime(instant: string | null | undefined, timeZone = displayZone): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

/** Today's date in the alliance's zone as yyyy-mm-dd. */
export function localDate(date = new Date(), timeZone = displayZone): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date);
}
