import { createHmac } from 'node:crypto';
import type { AccessContext } from '../../../platform/access/index.js';
import { AppError, invalid, notFound } from '../../../platform/http/index.js';
import { suppressCount, suppressFigure } from '../analytics/suppress.js';
import { allianceSettings } from '../booking/store.js';
import type { RespiteDeps } from '../deps.js';
import { requirePartnerRole } from '../partners/roles.js';
import { nonUseReasons, suggestThemes, themes, wishes, type Theme } from './codes.js';
import type { QuestionnaireBody } from './schemas.js';
import * as store from './store.js';
import { HIGH_STRAIN_FROM, STRAIN_INDEX_SOURCE, strainScore } from './strain-index.js';

/** Answers one address may send per hour (our choice): a family's members, not a flood. */
export const ANSWERS_PER_HOUR = 10;

/**
 * Stores an anonymous answer, counted in the municipality it names (one the alliance serves). A caregiver
 * hears their strain score at once, with its source, so the page can point to support.
 */
export async function answerQuestionnaire(deps: RespiteDeps, allianceId: string, input: QuestionnaireBody, sourceAddress: string) {
  const served = await deps.db.selectFrom('respite_intake').select('municipality').where('alliance_id', '=', allianceId).where('municipality', '=', input.municipality).executeTakeFirst();
  if (!served) {
    if (!(await deps.db.selectFrom('alliance').select('id').where('id', '=', allianceId).executeTakeFirst())) throw notFound('Alliance');
    throw invalid('This alliance does not serve that municipality', [{ path: 'municipality', code: 'unknown', message: 'not served' }]);
  }
  const sourceHash = createHmac('sha256', deps.secretBox.subKey('respite-questionnaire-source')).update(sourceAddress).digest('hex');
  if ((await store.countFromSource(deps.db, sourceHash, new Date(deps.now().getTime() - 3600_000))) >= ANSWERS_PER_HOUR) {
    throw new AppError('RATE_LIMITED', 'Too many answers from this address; try again later', undefined, { retryAfterSeconds: 3600 });
  }
  const strain = input.strainItems ? strainScore(input.strainItems) : null;
  await deps.db
    .insertInto('respite_questionnaire')
    .values({
      alliance_id: allianceId, municipality: input.municipality, respondent: input.respondent, strain_items: input.strainItems ?? null, strain_score: strain?.score ?? null,
      used_respite: input.usedRespite, non_use_reasons: input.nonUseReasons, wishes: input.wishes, free_text: input.freeText.trim(), source_hash: sourceHash, created_at: deps.now(),
    })
    .execute();
  return { strain: strain ? { ...strain, source: STRAIN_INDEX_SOURCE, highFrom: HIGH_STRAIN_FROM } : null };
}

/** The free texts to code, each with the themes its keywords suggest; only research partners see them. */
export async function freeTextsToCode(deps: RespiteDeps, ctx: AccessContext, coded: 'yes' | 'no' | 'all') {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'codeAnswers', 'Answer');
  const rows = await store.freeTexts(deps.db, allianceId, coded);
  return rows.map((r) => ({ id: r.id, respondent: r.respondent, municipality: r.municipality, freeText: r.free_text, suggestedThemes: suggestThemes(r.free_text), themes: r.themes as Theme[], codedAt: r.coded_at?.toISOString() ?? null }));
}

/** A person confirms the themes of one free text; a later coding replaces the earlier one. */
export async function codeAnswer(deps: RespiteDeps, ctx: AccessContext, id: string, chosen: Theme[]): Promise<void> {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'codeAnswers', 'Answer');
  if (!(await store.codeThemes(deps.db, id, allianceId, chosen, ctx.actorId, deps.now()))) throw notFound('Answer');
}

const countsOf = <C extends string>(codes: readonly C[], found: Map<string, number>, minGroup: number) => codes.map((code) => ({ code, n: suppressCount(found.get(code) ?? 0, minGroup) }));

/** Results per municipality with small groups hidden; for the partners who read the figures. */
export async function questionnaireResults(deps: RespiteDeps, ctx: AccessContext, municipality: string | undefined) {
  const { allianceId } = await requirePartnerRole(deps.db, ctx, 'analytics', 'Results');
  const minGroup = (await allianceSettings(deps.db, allianceId)).min_group_size;
  const [totals, counts] = await Promise.all([store.totals(deps.db, allianceId, municipality), store.codeCounts(deps.db, allianceId, municipality)]);
  const byKind = (m: string, kind: store.CodeKind) => new Map(counts.filter((c) => c.municipality === m && c.kind === kind).map((c) => [c.code, c.n]));
  return {
    minGroupSize: minGroup,
    strainIndex: { source: STRAIN_INDEX_SOURCE, highFrom: HIGH_STRAIN_FROM },
    municipalities: totals.map((t) => ({
      municipality: t.municipality,
      responses: { older_person: suppressCount(t.older_person, minGroup), caregiver: suppressCount(t.caregiver, minGroup), professional: suppressCount(t.professional, minGroup) },
      usedRespite: suppressCount(t.used, minGroup),
      meanStrainScore: suppressFigure(t.mean_strain, t.caregiver, minGroup),
      highStrain: t.caregiver < minGroup ? null : suppressCount(t.high_strain, minGroup),
      nonUseReasons: countsOf(nonUseReasons, byKind(t.municipality, 'non_use'), minGroup),
      wishes: countsOf(wishes, byKind(t.municipality, 'wish'), minGroup),
      themes: countsOf(themes, byKind(t.municipality, 'theme'), minGroup),
    })),
  };
}
