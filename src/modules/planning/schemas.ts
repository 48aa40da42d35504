import { z } from 'zod';

const isoNight = z.iso.date();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 01:30');

export const nightParams = z.object({ night: isoNight });
export const runParams = z.object({ id: z.uuid() });

export const visitCreate = z
  .object({
    clientId: z.uuid(),
    night: isoNight,
    task: z.string().trim().min(2).max(200),
    /** Local wall-clock times in the alliance's zone; times before the shift start belong to the next morning. */
    windowStart: clock,
    windowEnd: clock,
    durationMinutes: z.number().int().min(1).max(240),
    requiredSkills: z.array(z.enum(['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'])).max(5).default([]),
    priority: z.number().int().min(1).max(5).default(1),
  })
  .strict();
export type VisitCreate = z.infer<typeof visitCreate>;

export const solveBody = z.object({ timeLimitSeconds: z.number().min(0.2).max(60).default(5) });
