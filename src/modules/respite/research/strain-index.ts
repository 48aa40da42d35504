/**
 * The caregiver burden score: the Caregiver Strain Index (CSI), Robinson B.C., "Validation of a Caregiver
 * Strain Index", Journal of Gerontology 38(3):344-348, 1983. Thirteen yes/no items; the score is the
 * number of yes answers (0-13); 7 or more indicates a high level of strain.
 */
export const STRAIN_INDEX_SOURCE = 'Caregiver Strain Index (Robinson 1983)';

/** The 13 items in the published order; the questionnaire's texts are under these keys in the web app. */
export const strainItems = [
  'sleep_disturbed', 'inconvenient', 'physical_strain', 'confining', 'family_adjustments', 'plans_changed', 'other_demands',
  'emotional_adjustments', 'upsetting_behaviour', 'person_changed', 'work_adjustments', 'financial_strain', 'overwhelmed',
] as const;

/** CSI: a score of 7 or more is a high level of strain. */
export const HIGH_STRAIN_FROM = 7;

export function strainScore(answers: readonly boolean[]): { score: number; high: boolean } {
  if (answers.length !== strainItems.length) throw new RangeError(`The strain index has ${strainItems.length} items, got ${answers.length}`);
  const score = answers.filter(Boolean).length;
  return { score, high: score >= HIGH_STRAIN_FROM };
}
