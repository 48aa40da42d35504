import { z } from 'zod';
import { identificationOut } from '../../clients/index.js';

/** `night` is the local date on which the night shift starts, e.g. 2026-03-28 for the night into 29 March. */
export const nightParams = z.object({ night: z.iso.date() });
export const handoverQuery = z.object({
  night: z.iso.date().optional().describe('Local start date of the night; default: the last ended night in the alliance zone'),
  allianceId: z.uuid().optional().describe('Only for organisations in several alliances; default: the first'),
});
export const allianceQuery = handoverQuery.pick({ allianceId: true });

const handoverIncidentOut = z.object({
  id: z.string(),
  client: identificationOut,
  reason: z.string(),
  urgency: z.string().nullable(),
  status: z.string(),
  outcome: z.string().nullable().describe('completed | escalated_112 | a cancel reason (false_alarm, resolved_by_phone, duplicate, client_not_home); null while open'),
  receivedAt: z.date(),
  onSiteAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  nurse: z.object({ name: z.string(), organisationName: z.string().nullable() }).nullable(),
  report: z
    .object({ actions: z.array(z.string()), minutesOnSite: z.number(), notes: z.string().nullable(), followUpNeeded: z.boolean(), followUp: z.string().nullable(), caregiverCannotCope: z.boolean() })
    .nullable(),
  gpReferrals: z.array(z.object({ gpPostName: z.string(), status: z.string(), outcome: z.string().nullable(), answer: z.string().nullable(), sentAt: z.date() })),
  neverAttended: z.boolean().describe('No nurse was ever on site and it was not cancelled as a false alarm or duplicate: a warning for the day team'),
  receivedBeforeShift: z.boolean().describe('Received before the shift began and handled in it'),
});

export const handoverOut = z.object({
  allianceId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  timeZone: z.string(),
  night: z.string(),
  shiftStart: z.date(),
  shiftEnd: z.date(),
  shiftEnded: z.boolean(),
  dueAt: z.date().describe('09:00 local time on the morning after the night'),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  reminderAt: z.date().nullable(),
  overdue: z.boolean().describe('Not acknowledged and past dueAt'),
  incidents: z.array(handoverIncidentOut),
  followUps: z.array(z.object({ incidentId: z.string(), clientName: z.string(), followUp: z.string() })),
  respiteSuggestions: z
    .array(
      z.object({
        clientId: z.string(),
        clientName: z.string(),
        reasons: z.array(z.enum(['caregiver_cannot_cope', 'repeated_alarms'])),
        alarmsThisWeek: z.number().int(),
        respiteAlliance: z.object({ id: z.string(), name: z.string() }).nullable().describe('A respite alliance the organisation is a member of, where a stay can be looked for'),
      }),
    )
    .describe('Respite suggested: the nurse found the caregiver cannot cope, or the client alarmed at least the alliance’s threshold of times in the week'),
});

export const acknowledgeOut = z.object({ acknowledgedAt: z.date(), acknowledgedBy: z.object({ id: z.string(), name: z.string().nullable() }) });
