import type { MemberLoad } from './store.js';

export interface LoadSignal {
  memberId: string;
  name: string;
  share: number;
  count: number;
  total: number;
}

/**
 * Pure: the informal caregiver who carries at least `share` of all help given in the window, if the
 * window holds enough help to speak of a pattern. WeHelpen's finding that people ask for help less than
 * expected is why this looks at who gives, not at who asks.
 */
export function overloadedCaregiver(loads: readonly MemberLoad[], rule: { share: number; minimum: number }): LoadSignal | null {
  const total = loads.reduce((sum, l) => sum + l.count, 0);
  if (total < rule.minimum) return null;
  const top = loads.filter((l) => l.informal).reduce<MemberLoad | undefined>((best, l) => (!best || l.count > best.count ? l : best), undefined);
  if (!top || top.count / total < rule.share) return null;
  return { memberId: top.member_id, name: top.name, share: Math.round((top.count / total) * 100) / 100, count: top.count, total };
}
