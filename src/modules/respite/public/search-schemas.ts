import { z } from 'zod';
import { careCapabilities, locationFeatures, offerTypeSchema } from '../schemas.js';

/** What a caregiver can tick on the public page: the location's features and the care it can give. */
export const publicNeeds = [...locationFeatures, ...careCapabilities] as const;
export type PublicNeed = (typeof publicNeeds)[number];

/** The longest stay the public search looks for (our choice): respite is a night or a few, not a month. */
export const MAX_SEARCH_NIGHTS = 28;

export const publicSearchBody = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    municipality: z.string().max(80).optional(),
    offerType: offerTypeSchema.optional(),
    needs: z.array(z.enum(publicNeeds)).max(publicNeeds.length).default([]),
  })
  .refine((q) => q.from < q.to, { path: ['to'], message: 'after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_SEARCH_NIGHTS * 86_400_000, { path: ['to'], message: `at most ${MAX_SEARCH_NIGHTS} nights` });
export type PublicSearch = z.infer<typeof publicSearchBody>;

export const publicSearchOut = z.object({
  found: z.boolean().describe('Whether any place fits the needs and has room for every night'),
  places: z.array(
    z.object({ id: z.uuid(), name: z.string(), city: z.string(), municipality: z.string(), offerType: offerTypeSchema, fits: z.boolean(), room: z.boolean() }),
  ),
});
