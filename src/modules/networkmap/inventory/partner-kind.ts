import type { partnerKinds } from '../schemas.js';

/** An inventory names partners without their kind; the usual Dutch names say it (our rules, first match wins). */
const RULES: [RegExp, (typeof partnerKinds)[number]][] = [
  [/^gemeente\b/i, 'municipality'],
  [/netwerk palliatieve zorg/i, 'palliative_care_network'],
  [/zingeving|levensvragen|geestelijke verzorging/i, 'spiritual_care_centre'],
  [/welzijn|vrijwilligers|mantelzorg/i, 'welfare'],
  [/zorg|thuiszorg|hospice|verpleeg|huisarts|ziekenhuis/i, 'care_provider'],
];

export const partnerKindOf = (name: string) => RULES.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
