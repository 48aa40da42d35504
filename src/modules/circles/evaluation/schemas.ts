import { z } from 'zod';

const uuid = z.uuid();

export const evaluationQuery = z.object({
  allianceId: uuid.optional(),
  organisationId: uuid.optional().describe('One organisation’s persons (the circles it keeps); default the whole alliance'),
  from: z.iso.date().optional().describe('A date in the first month (periods are whole months in the alliance zone); default: eleven months before `to`'),
  to: z.iso.date().optional().describe('A date in the last month (included whole); default: today in the alliance zone. At most 24 months in all.'),
});
export type EvaluationQuery = z.infer<typeof evaluationQuery>;

export const csvFigures = ['summary', 'hours', 'right_time', 'neighbourhoods', 'age_groups'] as const;
export const csvQuery = evaluationQuery.extend({ figure: z.enum(csvFigures) });

const n = z.number().nullable();
/** Every figure says whether it was suppressed (fewer persons than the threshold): then its numbers are null. */
const leadTime = z.object({ suppressed: z.boolean(), steps: n, persons: n, withinNormShare: n, meanHours: n, p25Hours: n, p50Hours: n, p75Hours: n, p90Hours: n });
const group = z.object({ key: z.string(), suppressed: z.boolean(), persons: n, withCircle: n, reachShare: n, leadTime });

export const evaluationOut = z.object({
  allianceId: uuid,
  organisationId: uuid.nullable(),
  from: z.string(),
  to: z.string(),
  minGroup: z.number().int(),
  hasCircles: z.boolean(),
  computedAt: z.string().describe('When these figures were read: they include every write committed before it. Persons in lead-time groups are estimated (about 1 %), percentiles read from a histogram (within 9 %).'),
  personCentred: z.object({
    goals: z.object({ suppressed: z.boolean(), persons: n, goals: n, met: n, metShare: n }),
    experience: z.object({ suppressed: z.boolean(), persons: n, mean: n, p25: n, median: n, p75: n, counts: z.array(z.number()).nullable() }),
  }),
  sociallyEmbedded: z.object({ suppressed: z.boolean(), doneTasks: n, informal: n, professional: n, informalShare: n }),
  economicallySustainable: z.array(z.object({ month: z.string(), suppressed: z.boolean(), persons: n, professionalHours: n, tasksWithMinutes: n, hoursPerPerson: n })),
  rightTime: z.array(z.object({ organisationId: uuid.nullable(), organisationName: z.string().nullable(), step: z.string(), normHours: n, leadTime })),
  equality: z.object({ neighbourhoods: z.array(group), ageGroups: z.array(group) }),
});

export const experienceBody = z.object({ rating: z.number().int().min(1).max(5) });
export const effortBody = z.object({ minutes: z.number().int().min(1).max(1440) });
