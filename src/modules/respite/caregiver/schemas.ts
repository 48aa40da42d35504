import { z } from 'zod';

export const caregiverStayOut = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  seriesId: z.uuid().nullable(),
  confirmation: z.enum(['all_or_nothing', 'per_occurrence']).nullable(),
  location: z.string(),
  city: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  status: z.string(),
  /** Whether the caregiver has said yes to this stay. */
  confirmed: z.boolean(),
  /** Who has given feedback on the stay already. */
  feedback: z.array(z.enum(['caregiver', 'person'])),
});

export const caregiverOverviewOut = z.object({
  requests: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string(),
      status: z.enum(['new', 'proposed', 'closed']),
      outcome: z.string().nullable(),
      from: z.iso.date(),
      to: z.iso.date(),
      forWhom: z.string(),
      intake: z.string(),
      wmoDecision: z.object({ granted: z.boolean(), refusalReason: z.string().nullable() }).nullable().describe('The municipality’s Wmo decision on the request: granted or not, and why not'),
    }),
  ),
  stays: z.array(caregiverStayOut),
});

/** Per occurrence: the stays to keep (the rest are released). All-or-nothing: leave it out to confirm all. */
export const confirmSeriesBody = z.object({ stayIds: z.array(z.uuid()).max(60).optional() });

export const feedbackBody = z.object({
  respondent: z.enum(['caregiver', 'person']),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(1000).default(''),
});
