import { sql } from 'kysely';
import type { ReadDb } from '../../platform/db/index.js';

/**
 * "Is this initiative already known?" Similarity (pg_trgm trigrams) on the title, the partners and the
 * place, weighted: the title says most, the partners confirm it, the same municipality or place
 * makes it likely. Our weights and thresholds, tuned on the near-duplicates in duplicates.test.ts.
 */
const WEIGHTS = { title: 0.55, partners: 0.25, place: 0.2 };
/** From here a call is asked whether it is one of these. */
export const CANDIDATE_SCORE = 0.45;
/** From here an imported row is merged into the known initiative instead of added. */
export const MERGE_SCORE = 0.7;

export interface DuplicateProbe {
  title: string;
  partnerNames: string;
  place: string;
  municipalityId: string;
  /** An initiative's own edit must not find itself. */
  excludeId?: string;
}

export interface Candidate {
  id: string;
  title: string;
  municipality: string;
  place: string;
  partners: string;
  score: number;
}

export async function findCandidates(db: ReadDb, probe: DuplicateProbe, minScore = CANDIDATE_SCORE): Promise<Candidate[]> {
  const samePlace = sql<number>`CASE WHEN initiative.municipality_id = ${probe.municipalityId} OR (${probe.place} <> '' AND similarity(initiative.place, ${probe.place}) > 0.5) THEN 1 ELSE 0 END`;
  const score = sql<number>`(${sql.lit(WEIGHTS.title)} * similarity(initiative.title, ${probe.title}) + ${sql.lit(WEIGHTS.partners)} * similarity(initiative.partner_names, ${probe.partnerNames}) + ${sql.lit(WEIGHTS.place)} * ${samePlace})::float8`;
  const rows = await db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .select(['initiative.id', 'initiative.title', 'm.name as municipality', 'initiative.place', 'initiative.partner_names as partners', score.as('score')])
    // Spam and refused calls are nobody's reference. The titles must look alike (pg_trgm's `%`, similarity
    // of at least 0.3, which the title index serves): the same partners in the same municipality often
    // run several different initiatives, and those are not duplicates.
    .where('initiative.status', 'not in', ['unconfirmed', 'rejected'])
    .where(sql<boolean>`initiative.title % ${probe.title}`)
    .$if(probe.excludeId !== undefined, (q) => q.where('initiative.id', '!=', probe.excludeId ?? ''))
    .orderBy('score', 'desc')
    .limit(5)
    .execute();
  return rows.filter((r) => r.score >= minScore).map((r) => ({ ...r, score: Math.round(r.score * 100) / 100 }));
}
