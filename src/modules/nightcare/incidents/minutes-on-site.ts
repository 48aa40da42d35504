import { invalid } from '../../../platform/http/index.js';

export interface MinutesOnSite {
  minutes: number;
  computed: number;
  correctionReason: string | null;
}

/**
 * The report's minutes on site come from the incident's own timestamps (on site → report), so the cost
 * key between partners rests on what happened, not on a figure typed at the end of a night. A nurse who
 * tapped "on site" late may correct it, but only with a reason, which is stored and audited.
 */
export function minutesOnSite(onSiteAt: Date | null, now: Date, claimed: number | undefined, reason: string | undefined): MinutesOnSite {
  const computed = onSiteAt ? Math.max(0, Math.round((now.getTime() - onSiteAt.getTime()) / 60_000)) : 0;
  if (claimed === undefined || claimed === computed) return { minutes: computed, computed, correctionReason: null };
  if (!reason) {
    throw invalid('A corrected number of minutes needs a reason', [{ path: 'minutesCorrectionReason', code: 'correction_needs_reason', message: `The timestamps give ${computed} minutes; say why ${claimed} is right` }]);
  }
  return { minutes: claimed, computed, correctionReason: reason };
}
