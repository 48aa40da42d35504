import rrule from 'rrule';

/** Parts of RFC 5545 a night series does without: the rule picks nights, the window gives the hour. */
const REFUSED = /(^|;)(FREQ=(HOURLY|MINUTELY|SECONDLY)|BYHOUR=|BYMINUTE=|BYSECOND=|DTSTART|TZID)/i;

const ruleText = (rule: string) => rule.trim().replace(/^RRULE:/i, '');

/**
 * The rule over floating dates: UTC midnight stands for the local date a night starts on, so no DST
 * change can move a night to another day. The hour is the series' wall-clock window, made in the
 * alliance's zone per night (`instantOnNight`), which is what keeps 02:00 at 02:00 local.
 */
function parse(rule: string, firstNight: string) {
  return rrule.rrulestr(`DTSTART:${firstNight.replaceAll('-', '')}T000000Z\nRRULE:${ruleText(rule)}`);
}

/** Whether the text is a rule a night series can use: valid RFC 5545, nights only, at least one night. */
export function isNightRule(rule: string, firstNight: string): boolean {
  if (REFUSED.test(ruleText(rule))) return false;
  try {
    return parse(rule, firstNight).all((_d, i) => i < 1).length === 1;
  } catch {
    return false;
  }
}

/** Whether the series has an occurrence on the night that starts on `night` (YYYY-MM-DD). */
export function seriesHasNight(rule: string, firstNight: string, night: string): boolean {
  const day = new Date(`${night}T00:00:00Z`);
  return parse(rule, firstNight).between(day, day, true).length > 0;
}
