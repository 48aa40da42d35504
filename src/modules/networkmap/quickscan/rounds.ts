import { averageOf, changeSince, type Scores } from './questions.js';
import type { ScanRow } from './store.js';

/** One round as the API shows it: its scores, their mean, the change since the round before, and everyone's notes. */
export function toRound(row: ScanRow, previous: Scores | undefined) {
  const scores: Scores = { workTogether: row.work_together, findEachOther: row.find_each_other, needsAligned: row.needs_aligned };
  return {
    id: row.id, heldOn: row.held_on, scores, average: averageOf(scores), change: changeSince(previous, scores),
    notes: { workTogether: row.work_together_note, findEachOther: row.find_each_other_note, needsAligned: row.needs_aligned_note }, participants: row.participants, filledBy: row.filled_by ?? '',
    municipalityNote: row.municipality_note,
  };
}
