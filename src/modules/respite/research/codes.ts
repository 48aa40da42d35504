/**
 * The questionnaires' coded answers. Reasons for not using respite follow what the pilot heard locally
 * (issue 12): not knowing it exists, not knowing how to apply, fear of an unfamiliar place or too few
 * staff, guilt; plus the usual practical ones.
 */
export const respondents = ['older_person', 'caregiver', 'professional'] as const;

export const nonUseReasons = [
  'not_known', 'how_to_apply', 'unfamiliar_place', 'too_few_staff', 'guilt', 'person_refuses', 'cost', 'no_fitting_place', 'transport', 'not_needed',
] as const;

export const wishes = ['same_place', 'close_to_home', 'at_home', 'day_care', 'partner_may_stay', 'introductory_visit', 'short_notice', 'familiar_staff', 'weekend'] as const;

/** Themes a person codes the free text into. */
export const themes = [
  'unknown_offer', 'application_hard', 'unfamiliar_place', 'staffing', 'guilt', 'cost', 'transport', 'care_quality', 'continuity', 'caregiver_exhausted', 'positive', 'other',
] as const;
export type Theme = (typeof themes)[number];

/**
 * Dutch keyword stems per theme: only suggestions for the person who codes; nothing is coded without them.
 * A stem matches at the start of a word ("schuldgevoel", "schuldig", not "geregeld" for "geld"); a stem
 * of three letters or fewer only as a whole word ("ik ben op").
 */
const KEYWORDS: Record<Exclude<Theme, 'other'>, readonly string[]> = {
  unknown_offer: ['wist niet', 'nooit van gehoord', 'onbekend', 'niet bekend'],
  application_hard: ['aanvra', 'formulier', 'indicatie', 'loket', 'ingewikkeld', 'bureaucra'],
  unfamiliar_place: ['vreemde', 'onbekende plek', 'onbekende omgeving', 'niet thuis', 'vertrouwd'],
  staffing: ['personeel', 'te weinig', 'druk', 'verzorgend', 'aandacht'],
  guilt: ['schuld', 'dump', 'in de steek', 'egoïst'],
  cost: ['kost', 'eigen bijdrage', 'betalen', 'duur', 'geld'],
  transport: ['vervoer', 'rijden', 'ver weg', 'afstand', 'taxi'],
  care_quality: ['zorg was', 'goed verzorgd', 'slecht', 'medicatie', 'verpleging'],
  continuity: ['zelfde plek', 'dezelfde', 'bekende gezichten', 'vaste'],
  caregiver_exhausted: ['uitgeput', 'moe', 'overbelast', 'kan niet meer', 'slaap'],
  positive: ['fijn', 'prettig', 'tevreden', 'goed gevoel', 'opgeknapt'],
};

const matches = (text: string, stem: string) => new RegExp(`(^|[^\\p{L}])${stem}${stem.length <= 3 ? '([^\\p{L}]|$)' : ''}`, 'u').test(text);

/** Themes whose keywords occur in the text, in the list's order. */
export function suggestThemes(freeText: string): Theme[] {
  const text = freeText.toLocaleLowerCase('nl');
  return (Object.keys(KEYWORDS) as (keyof typeof KEYWORDS)[]).filter((theme) => KEYWORDS[theme].some((stem) => matches(text, stem)));
}
