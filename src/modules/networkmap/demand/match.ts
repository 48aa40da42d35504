/**
 * A need is met when an initiative that is not stopped works on the same theme for the same target
 * group: in the municipality itself, else elsewhere in the network's region (reachable, but not at
 * home). Nothing in either is a gap: the network's list of what to look for next.
 */
export type MatchLevel = 'municipality' | 'region' | 'gap';

export interface NeedToMatch {
  municipality_id: string;
  network_id: string;
  theme: string;
  target_group: string;
}

export interface Candidate {
  id: string;
  title: string;
  municipality_id: string;
  network_id: string;
  themes: string[];
  target_groups: string[];
}

export function matchNeed<C extends Candidate>(need: NeedToMatch, initiatives: readonly C[]): { level: MatchLevel; initiatives: C[] } {
  const addressing = initiatives.filter((i) => i.network_id === need.network_id && i.themes.includes(need.theme) && i.target_groups.includes(need.target_group));
  const local = addressing.filter((i) => i.municipality_id === need.municipality_id);
  if (local.length > 0) return { level: 'municipality', initiatives: local };
  if (addressing.length > 0) return { level: 'region', initiatives: addressing };
  return { level: 'gap', initiatives: [] };
}
