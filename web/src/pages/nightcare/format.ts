import { locale } from '../../i18n/format.js';

// The night team works in the alliance's zone, whatever the browser's zone is.
export { displayTimeZone, formatTime, localDate } from '../../i18n/format.js';

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** Minutes since an instant, for "received 12 min ago" on the board. */
export const minutesSince = (instant: string, now = Date.now()) => Math.max(0, Math.floor((now - new Date(instant).getTime()) / 60_000));

/** "2026-10" as "oktober 2026" in the user's language. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
