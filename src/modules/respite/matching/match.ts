import type { Needs } from '../schemas.js';

/** What matching needs to know of a location. */
export interface LocationOffer {
  features: readonly string[];
  capabilities: readonly string[];
  exclusions: readonly string[];
  fundingAccepted: readonly string[];
}

/** Why a location cannot take this person; each code has a sentence under `respite.match.<code>`. */
export type MatchReason =
  | 'no_step_free_access'
  | 'no_hoist'
  | 'no_night_supervision'
  | 'no_two_person_transfer'
  | 'not_dementia_safe'
  | 'excludes_dementia'
  | 'excludes_wandering'
  | 'excludes_agitation'
  | 'excludes_bedbound'
  | 'no_medication'
  | 'no_nursing'
  | 'partner_cannot_stay'
  | 'no_pets'
  | 'funding_not_accepted'
  | 'no_room';

/** A need and the criterion of the location it asks for: behaviour as a table, one row per rule. */
const rules: { applies: (n: Needs) => boolean; fails: (l: LocationOffer) => boolean; reason: MatchReason }[] = [
  { applies: (n) => n.mobility === 'wheelchair' || n.mobility === 'bedbound', fails: (l) => !l.features.includes('ground_floor'), reason: 'no_step_free_access' },
  { applies: (n) => n.mobility === 'bedbound', fails: (l) => !l.features.includes('hoist'), reason: 'no_hoist' },
  { applies: (n) => n.mobility === 'bedbound', fails: (l) => l.exclusions.includes('bedbound'), reason: 'excludes_bedbound' },
  { applies: (n) => n.nightCare, fails: (l) => !l.capabilities.includes('night_supervision'), reason: 'no_night_supervision' },
  { applies: (n) => n.twoPersonTransfer, fails: (l) => !l.capabilities.includes('two_person_transfer'), reason: 'no_two_person_transfer' },
  { applies: (n) => n.cognition === 'dementia', fails: (l) => l.exclusions.includes('dementia'), reason: 'excludes_dementia' },
  { applies: (n) => n.behaviour === 'wandering', fails: (l) => l.exclusions.includes('wandering'), reason: 'excludes_wandering' },
  { applies: (n) => n.behaviour === 'wandering', fails: (l) => !l.features.includes('dementia_safe'), reason: 'not_dementia_safe' },
  { applies: (n) => n.behaviour === 'agitation', fails: (l) => l.exclusions.includes('agitation'), reason: 'excludes_agitation' },
  { applies: (n) => n.medication === 'administered', fails: (l) => !l.capabilities.includes('medication'), reason: 'no_medication' },
  { applies: (n) => n.nursing, fails: (l) => !l.capabilities.includes('nursing'), reason: 'no_nursing' },
  { applies: (n) => n.partnerStays, fails: (l) => !l.features.includes('partner_may_stay'), reason: 'partner_cannot_stay' },
  { applies: (n) => n.pets, fails: (l) => !l.features.includes('pets'), reason: 'no_pets' },
];

/** Every criterion by which this location cannot take the person; empty means it fits. */
export function explainMismatch(location: LocationOffer, needs: Needs, funding?: string): MatchReason[] {
  const reasons = rules.filter((r) => r.applies(needs) && r.fails(location)).map((r) => r.reason);
  if (funding && !location.fundingAccepted.includes(funding)) reasons.push('funding_not_accepted');
  return reasons;
}

/** Orders candidates: fitting first, then where the person stayed before (continuity), then by distance. */
export function rankCandidates<T extends { reasons: readonly unknown[]; stayedBefore: boolean; distanceKm: number | null; name: string }>(candidates: T[]): T[] {
  return [...candidates].sort(
    (a, b) =>
      a.reasons.length - b.reasons.length ||
      Number(b.stayedBefore) - Number(a.stayedBefore) ||
      (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
      a.name.localeCompare(b.name),
  );
}
