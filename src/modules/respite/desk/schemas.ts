import { z } from 'zod';

export const requestOutcomes = ['booked', 'no_room', 'no_fit', 'no_funding', 'declined'] as const;

export const incomingRequestsOut = z.array(
  z.object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(['new', 'proposed', 'closed']),
    outcome: z.string().nullable(),
    route: z.string(),
    municipality: z.string(),
    location: z.string().nullable(),
    from: z.iso.date(),
    to: z.iso.date(),
    forWhom: z.string(),
    needs: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    createdAt: z.string(),
    referredBy: z.string().nullable().describe('The GP practice or hospital that referred the caregiver; null for the public form'),
    strainScore: z.number().nullable().describe('Caregiver Strain Index (Robinson 1983) score given with a referral'),
    wmoDecision: z.object({ granted: z.boolean(), nightsPerYear: z.number().nullable(), validFrom: z.string().nullable(), validUntil: z.string().nullable(), reference: z.string(), refusalReason: z.string().nullable().describe('Why a refusal refused; null on a grant (and on refusals recorded without one before it was required)') }).nullable(),
  }),
);

export const closeRequestBody = z.object({ outcome: z.enum(requestOutcomes) });

export const myLocationsOut = z.array(z.object({ id: z.uuid(), name: z.string(), city: z.string(), offerType: z.string() }));

export const locationStaysOut = z.array(
  z.object({
    id: z.uuid(),
    /** Null where the care home may not identify the person (yet). */
    person: z.string().nullable(),
    bed: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    status: z.string(),
    seriesId: z.uuid().nullable(),
    caregiverConfirmed: z.boolean(),
    holdExpiresAt: z.string().nullable(),
    fromWaitlist: z.boolean(),
  }),
);

export const locationWaitlistOut = z.array(z.object({ id: z.uuid(), from: z.iso.date(), to: z.iso.date(), status: z.string(), since: z.string() }));
