import { z } from 'zod';

const isoDate = z.iso.date();
const uuid = z.uuid();

export const offerTypes = ['care_home', 'respite_house', 'host_family', 'at_home', 'day_care'] as const;
export const locationFeatures = ['ground_floor', 'hoist', 'dementia_safe', 'partner_may_stay', 'pets'] as const;
export const careCapabilities = ['night_supervision', 'two_person_transfer', 'medication', 'nursing'] as const;
/** Needs a location says it cannot take, whatever its features. */
export const exclusionCriteria = ['dementia', 'wandering', 'agitation', 'bedbound'] as const;
/** Respite funding routes; Zvw short-stay care is a medical route, shown as a referral, never as funding. */
export const fundingSchemes = ['wmo', 'wlz', 'private'] as const;

export const offerTypeSchema = z.enum(offerTypes);
export const fundingSchemeSchema = z.enum(fundingSchemes);

/** The intake questions a location needs (issue 12 item 6). */
export const needsSchema = z.object({
  mobility: z.enum(['independent', 'walker', 'wheelchair', 'bedbound']),
  nightCare: z.boolean(),
  twoPersonTransfer: z.boolean(),
  cognition: z.enum(['none', 'mild', 'dementia']),
  behaviour: z.enum(['none', 'wandering', 'agitation']),
  medication: z.enum(['self', 'administered']),
  nursing: z.boolean(),
  diet: z.string().max(200).default(''),
  partnerStays: z.boolean().default(false),
  pets: z.boolean().default(false),
});
export type Needs = z.infer<typeof needsSchema>;

export const locationCreate = z.object({
  name: z.string().min(1).max(120),
  offerType: offerTypeSchema,
  description: z.string().max(2000).default(''),
  street: z.string().min(1).max(120),
  city: z.string().min(1).max(80),
  municipality: z.string().min(1).max(80),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  features: z.array(z.enum(locationFeatures)).default([]),
  capabilities: z.array(z.enum(careCapabilities)).default([]),
  exclusions: z.array(z.enum(exclusionCriteria)).default([]),
  fundingAccepted: z.array(fundingSchemeSchema).default([]),
  pricePerNightCents: z.number().int().min(0).max(1_000_000),
  photos: z.array(z.string().max(300)).max(12).default([]),
  accessibility: z.string().max(2000).default(''),
  introVisitPossible: z.boolean().default(true),
  beds: z.array(z.string().min(1).max(40)).min(1).max(200),
});
export type LocationCreate = z.infer<typeof locationCreate>;

export const searchQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    municipality: z.string().max(80).optional(),
    offerType: offerTypeSchema.optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
    withinKm: z.coerce.number().positive().max(300).optional(),
    clientId: uuid.optional(),
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });
export type SearchQuery = z.infer<typeof searchQuery>;

export const matchReasonOut = z.object({ code: z.string(), text: z.string() });
export const searchResultOut = z.object({
  locations: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      offerType: offerTypeSchema,
      city: z.string(),
      municipality: z.string(),
      distanceKm: z.number().nullable(),
      freeBeds: z.array(z.object({ id: uuid, label: z.string() })),
      fits: z.boolean(),
      reasons: z.array(matchReasonOut),
      stayedBefore: z.boolean(),
      suggestedBedId: uuid.nullable(),
    }),
  ),
});

export const stayCreate = z.object({
  clientId: uuid,
  locationId: uuid,
  bedId: uuid.optional(),
  from: isoDate,
  to: isoDate,
  funding: fundingSchemeSchema,
  /** The public request this stay answers (the caregiver then sees it under "Mijn aanvragen"). */
  requestId: uuid.optional(),
});
export type StayCreate = z.infer<typeof stayCreate>;

export const seriesCreate = z.object({
  clientId: uuid,
  locationId: uuid,
  /** The RRULE part of RFC 5545 (`FREQ=WEEKLY;INTERVAL=6;BYDAY=FR;COUNT=6`); DTSTART is `firstCheckIn`. */
  rrule: z.string().min(5).max(300),
  firstCheckIn: isoDate,
  nights: z.number().int().min(1).max(28),
  confirmation: z.enum(['all_or_nothing', 'per_occurrence']),
  funding: fundingSchemeSchema,
  requestId: uuid.optional(),
});
export type SeriesCreate = z.infer<typeof seriesCreate>;

export const stayChange = z.object({ from: isoDate, to: isoDate });

export const bookingOut = z.object({ id: uuid, bedId: uuid, from: isoDate, to: isoDate, status: z.string() });
export const seriesOut = z.object({
  seriesId: uuid.nullable(),
  booked: z.array(bookingOut),
  refused: z.array(z.object({ from: isoDate, to: isoDate, reason: z.string() })),
});

export const fundingCreate = z.object({
  clientId: uuid,
  scheme: fundingSchemeSchema,
  nightsPerYear: z.number().int().positive().max(366).optional(),
  validFrom: isoDate,
  validUntil: isoDate.optional(),
  reference: z.string().max(80).default(''),
});
export type FundingCreate = z.infer<typeof fundingCreate>;

export const fundingCheckOut = z.object({
  schemes: z.array(
    z.object({
      scheme: fundingSchemeSchema,
      onFile: z.boolean(),
      validForDates: z.boolean(),
      nightsRemaining: z.number().nullable(),
      covers: z.boolean(),
      text: z.string(),
    }),
  ),
  referral: z.object({ scheme: z.literal('zvw'), text: z.string() }),
});

export const waitlistCreate = z.object({ clientId: uuid, locationId: uuid, from: isoDate, to: isoDate, contactEmail: z.email() });

export const idParams = z.object({ id: uuid });
export const clientParams = z.object({ clientId: uuid });
