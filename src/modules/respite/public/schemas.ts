import { z } from 'zod';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import { offerTypeSchema } from '../schemas.js';

export const allianceParams = z.object({ allianceId: z.uuid() });

export const publicRequest = z.object({
  municipality: singleLine(80).pipe(z.string().min(1)),
  route: z.enum(['wmo', 'caregiver_support']),
  locationId: z.uuid().optional(),
  from: z.iso.date(),
  to: z.iso.date(),
  forWhom: singleLine(200).pipe(z.string().min(1)),
  needs: multiLine(2000).default(''),
  contactName: singleLine(120).pipe(z.string().min(1)),
  contactEmail: z.email().max(200),
  contactPhone: singleLine(40).optional(),
});
export type PublicRequest = z.infer<typeof publicRequest>;

export const publicAlliancesOut = z.array(z.object({ id: z.uuid(), name: z.string() }));

export const overviewOut = z.object({
  alliance: z.object({ id: z.uuid(), name: z.string() }),
  municipalities: z.array(z.string()),
  locations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      offerType: offerTypeSchema,
      description: z.string(),
      city: z.string(),
      municipality: z.string(),
      features: z.array(z.string()),
      capabilities: z.array(z.string()),
      fundingAccepted: z.array(z.string()),
      pricePerNightCents: z.number(),
      photos: z.array(z.string()),
      accessibility: z.string(),
      introVisitPossible: z.boolean(),
      room: z.array(z.object({ month: z.string(), level: z.enum(['plenty', 'some', 'little', 'none']) })),
    }),
  ),
});

export const requestOut = z.object({ reference: z.string(), intake: z.object({ name: z.string(), phone: z.string() }), crisisPhone: z.string() });
