import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';
import { HIGH_STRAIN_FROM } from './strain-index.js';

export const countFromSource = async (db: Executor, sourceHash: string, since: Date) =>
  Number((await db.selectFrom('respite_questionnaire').select((eb) => eb.fn.countAll<string>().as('n')).where('source_hash', '=', sourceHash).where('created_at', '>', since).executeTakeFirstOrThrow()).n);

export const freeTexts = (db: Executor, allianceId: string, coded: 'yes' | 'no' | 'all') =>
  db
    .selectFrom('respite_questionnaire')
    .select(['id', 'respondent', 'municipality', 'free_text', 'themes', 'coded_at'])
    .where('alliance_id', '=', allianceId)
    .where('free_text', '<>', '')
    .$if(coded === 'no', (q) => q.where('coded_at', 'is', null))
    .$if(coded === 'yes', (q) => q.where('coded_at', 'is not', null))
    .orderBy('created_at')
    .limit(200)
    .execute();

export async function codeThemes(db: Executor, id: string, allianceId: string, themes: string[], userId: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('respite_questionnaire')
    .set({ themes, coded_by: userId, coded_at: at })
    .where('id', '=', id)
    .where('alliance_id', '=', allianceId)
    .where('free_text', '<>', '')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface MunicipalityTotals {
  municipality: string;
  older_person: number;
  caregiver: number;
  professional: number;
  used: number;
  mean_strain: number | null;
  high_strain: number;
}

export async function totals(db: Executor, allianceId: string, municipality: string | undefined): Promise<MunicipalityTotals[]> {
  const { rows } = await sql<MunicipalityTotals>`
    SELECT municipality,
      count(*) FILTER (WHERE respondent = 'older_person')::int AS older_person,
      count(*) FILTER (WHERE respondent = 'caregiver')::int AS caregiver,
      count(*) FILTER (WHERE respondent = 'professional')::int AS professional,
      count(*) FILTER (WHERE used_respite)::int AS used,
      round(avg(strain_score), 1)::float8 AS mean_strain,
      count(*) FILTER (WHERE strain_score >= ${HIGH_STRAIN_FROM})::int AS high_strain
    FROM respite_questionnaire
    WHERE alliance_id = ${allianceId} ${municipality === undefined ? sql`` : sql`AND municipality = ${municipality}`}
    GROUP BY municipality ORDER BY municipality`.execute(db);
  return rows;
}

export type CodeKind = 'non_use' | 'wish' | 'theme';

/** How often each coded answer was given, per municipality. */
export async function codeCounts(db: Executor, allianceId: string, municipality: string | undefined) {
  const where = sql`q.alliance_id = ${allianceId} ${municipality === undefined ? sql`` : sql`AND q.municipality = ${municipality}`}`;
  const { rows } = await sql<{ municipality: string; kind: CodeKind; code: string; n: number }>`
    SELECT q.municipality, 'non_use' AS kind, c AS code, count(*)::int AS n FROM respite_questionnaire q, unnest(q.non_use_reasons) c WHERE ${where} GROUP BY 1, 3
    UNION ALL
    SELECT q.municipality, 'wish', c, count(*)::int FROM respite_questionnaire q, unnest(q.wishes) c WHERE ${where} GROUP BY 1, 3
    UNION ALL
    SELECT q.municipality, 'theme', c, count(*)::int FROM respite_questionnaire q, unnest(q.themes) c WHERE ${where} GROUP BY 1, 3`.execute(db);
  return rows;
}
