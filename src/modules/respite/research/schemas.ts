import { z } from 'zod';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import { nonUseReasons, respondents, themes, wishes } from './codes.js';
import { strainItems } from './strain-index.js';

const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

/** One questionnaire answer from the public page; the strain items only (and always) from a caregiver. */
export const questionnaireBody = z
  .object({
    respondent: z.enum(respondents),
    municipality: singleLine(80).pipe(z.string().min(1)),
    strainItems: z.array(z.boolean()).length(strainItems.length).optional().describe('Caregiver Strain Index (Robinson 1983): the 13 yes/no items in order'),
    usedRespite: z.boolean(),
    nonUseReasons: z.array(z.enum(nonUseReasons)).max(nonUseReasons.length).default([]).refine(unique, 'each reason once'),
    wishes: z.array(z.enum(wishes)).max(wishes.length).default([]).refine(unique, 'each wish once'),
    freeText: multiLine(2000).default(''),
  })
  .refine((q) => (q.respondent === 'caregiver') === (q.strainItems !== undefined), { path: ['strainItems'], message: 'The strain items are answered by caregivers, and only by them' });
export type QuestionnaireBody = z.infer<typeof questionnaireBody>;

export const questionnaireOut = z.object({
  strain: z.object({ score: z.number().int().min(0).max(13), high: z.boolean(), source: z.string(), highFrom: z.number() }).nullable(),
});

export const freeTextsQuery = z.object({ coded: z.enum(['yes', 'no', 'all']).default('no') });
export const freeTextsOut = z.array(
  z.object({ id: z.uuid(), respondent: z.enum(respondents), municipality: z.string(), freeText: z.string(), suggestedThemes: z.array(z.enum(themes)), themes: z.array(z.enum(themes)), codedAt: z.string().nullable() }),
);
export const codeThemesBody = z.object({ themes: z.array(z.enum(themes)).min(1).max(themes.length).refine(unique, 'each theme once') });

const counted = <T extends z.ZodType>(key: T) => z.array(z.object({ code: key, n: z.number().int().nullable() }));

export const resultsQuery = z.object({ municipality: singleLine(80).optional() });
export const resultsOut = z.object({
  minGroupSize: z.number().int().describe('Counts between 1 and this minus one are hidden (null)'),
  strainIndex: z.object({ source: z.string(), highFrom: z.number() }),
  municipalities: z.array(
    z.object({
      municipality: z.string(),
      responses: z.object({ older_person: z.number().nullable(), caregiver: z.number().nullable(), professional: z.number().nullable() }),
      usedRespite: z.number().nullable(),
      meanStrainScore: z.number().nullable(),
      highStrain: z.number().nullable(),
      nonUseReasons: counted(z.enum(nonUseReasons)),
      wishes: counted(z.enum(wishes)),
      themes: counted(z.enum(themes)),
    }),
  ),
});
