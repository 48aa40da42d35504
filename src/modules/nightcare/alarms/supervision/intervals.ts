/** What sends to the receiver: a DC-09 transmitter (by account) or an alarm centre's webhook (by organisation). */
export type SourceKind = 'dc09' | 'webhook';

/**
 * Expected test interval per device type, when the account has none of its own. Our choice, not a norm:
 * a personal-alarm transmitter sends its periodic test at least once a day (24 h), and an alarm centre
 * is expected to post at least one test or alarm a day as well. A source counts as silent after twice
 * its interval, so one missed test is forgiven and two are not.
 */
export const DEFAULT_TEST_INTERVAL_MINUTES: Readonly<Record<SourceKind, number>> = { dc09: 24 * 60, webhook: 24 * 60 };

/** Silent after this many intervals without a word (EN 50136-1 judges a receiver on noticing it). */
export const SILENT_AFTER_INTERVALS = 2;

export const effectiveInterval = (kind: SourceKind, own: number | null): number => own ?? DEFAULT_TEST_INTERVAL_MINUTES[kind];

/** The technical alarm's reason for a source that stopped speaking. */
export const DEVICE_SILENT = 'device_silent';

/** What a "device silent" alarm keeps in its raw column, for the technical queue to say who went quiet. */
export interface SilenceDetails {
  kind: SourceKind;
  source: string;
  /** The alarm centre's name; null for a DC-09 account. */
  name: string | null;
  lastSeenAt: string;
  intervalMinutes: number;
}

/** Reads the details back; anything else in raw (an old or foreign row) gives null rather than a failure. */
export function parseSilenceDetails(raw: string | null): SilenceDetails | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SilenceDetails>;
    if ((value.kind !== 'dc09' && value.kind !== 'webhook') || typeof value.source !== 'string' || typeof value.lastSeenAt !== 'string' || typeof value.intervalMinutes !== 'number') return null;
    return { kind: value.kind, source: value.source, name: typeof value.name === 'string' ? value.name : null, lastSeenAt: value.lastSeenAt, intervalMinutes: value.intervalMinutes };
  } catch {
    return null;
  }
}
