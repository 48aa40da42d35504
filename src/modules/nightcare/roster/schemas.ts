import { z } from 'zod';
import { nurseStatuses } from './status.js';

export const rosterOut = z.object({
  night: z.string(),
  shift: z.object({ startsAt: z.date(), endsAt: z.date() }),
  staffing: z.object({
    signedUp: z.number().int(),
    minimum: z.number().int().describe('The alliance’s setting'),
    defaultMinimum: z.number().int().describe('The platform’s default for the setting: our own choice, not a norm'),
    short: z.boolean().describe('Fewer nurses signed up than the minimum'),
  }),
  nurses: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
      startsAt: z.date(),
      endsAt: z.date(),
      status: z.enum(nurseStatuses),
      breakSince: z.date().nullable(),
      nextVisit: z.object({ at: z.date(), task: z.string(), durationMinutes: z.number().int() }).nullable(),
      workload: z.object({
        incidents: z.number().int().describe('Incidents taken on this night'),
        openIncidents: z.number().int(),
        visits: z.number().int().describe('Planned visits on the nurse’s round tonight'),
        visitsLeft: z.number().int(),
      }),
    }),
  ),
});

export const breakBody = z.object({ onBreak: z.boolean() });
export const staffingSettingsBody = z.object({ minimumNurses: z.number().int().min(0).max(100) });
