import { z } from 'zod';
import { requestOutcomes } from '../desk/schemas.js';
import { offerTypeSchema } from '../schemas.js';
import { nonUseReasons } from '../research/codes.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const analyticsQuery = z
  .object({
    from: month.optional().describe('First month, YYYY-MM; default: eleven months before the current one'),
    to: month.optional().describe('Last month, YYYY-MM; default: the current month in the alliance’s zone'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The last month lies before the first' });
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

export const analyticsFigures = ['occupancy', 'stays', 'unmet', 'unmet-searches', 'non-use'] as const;
export const figureParams = z.object({ figure: z.enum(analyticsFigures) });

export const unmetReasons = requestOutcomes.filter((o) => o !== 'booked');
export const unmetSearchReasons = ['no_room', 'no_fit'] as const;

const count = z.number().int().nullable().describe('Null where it rests on fewer people than minGroupSize');
const rowTotal = z.number().int().nullable().describe('Null where it rests on fewer people than minGroupSize, or where a cell of its row is hidden (it would give that cell back)');
const rate = z.number().nullable().describe('Booked ÷ available nights, 0…1; null without available nights');

export const analyticsOut = z.object({
  from: month,
  to: month,
  minGroupSize: z.number().int(),
  occupancy: z.array(z.object({ locationId: z.uuid(), location: z.string(), offerType: offerTypeSchema, municipality: z.string(), month, availableNights: z.number().int(), bookedNights: z.number().int(), rate })),
  occupancyByOfferType: z.array(z.object({ offerType: offerTypeSchema, month, availableNights: z.number().int(), bookedNights: z.number().int(), rate })),
  stays: z.array(z.object({ locationId: z.uuid(), location: z.string(), offerType: offerTypeSchema, month, stays: count, cancelled: count, noShow: count, medianLeadDays: z.number().nullable() })),
  unmet: z.array(z.object({ municipality: z.string(), requests: rowTotal, reason: z.enum(unmetReasons as [string, ...string[]]), n: count })),
  unmetSearches: z
    .array(z.object({ municipality: z.string().describe('Empty when the search named none'), searches: rowTotal, reason: z.enum(unmetSearchReasons), n: count }))
    .describe('Public searches that found no fitting place or no room: searched but not requested'),
  nonUse: z.array(z.object({ municipality: z.string(), answers: count, reason: z.enum(nonUseReasons), n: count })),
});
export type Analytics = z.infer<typeof analyticsOut>;
