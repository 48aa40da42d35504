/**
 * The call's three questions (issue 14), each scored 1 (not at all) to 5 (fully):
 * do care and welfare already work together well; do they know how to find each other; is the support
 * aligned with what people in the last phase of life need? The texts are i18n keys `networkmap.scan.<key>`.
 */
export const questions = ['workTogether', 'findEachOther', 'needsAligned'] as const;
export type Question = (typeof questions)[number];
export type Scores = Record<Question, number>;

/** The round's one figure for the map's colour: the mean of the three, one decimal. */
export const averageOf = (scores: Scores) => Math.round(((scores.workTogether + scores.findEachOther + scores.needsAligned) / 3) * 10) / 10;

/** Per question, how far a round moved since the one before (null for a municipality's first round). */
export function changeSince(previous: Scores | undefined, current: Scores): Scores | null {
  if (!previous) return null;
  return { workTogether: current.workTogether - previous.workTogether, findEachOther: current.findEachOther - previous.findEachOther, needsAligned: current.needsAligned - previous.needsAligned };
}
