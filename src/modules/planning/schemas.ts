import { z } from 'zod';
import { singleLine } from '../../platform/http/index.js';

const isoNight = z.iso.date();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 01:30');

/** The night team's skills (nightcare's `skills`); planning may not import nightcare's triage rules. */
const skills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const;

export const nightParams = z.object({ night: isoNight });
export const runParams = z.object({ id: z.uuid() });

export const visitCreate = z
  .object({
    clientId: z.uuid(),
    night: isoNight,
    task: singleLine(200).min(2),
    /** Local wall-clock times in the alliance's zone; times before the shift start belong to the next morning. */
    windowStart: clock,
    windowEnd: clock,
    durationMinutes: z.number().int().min(1).max(240),
    requiredSkills: z.array(z.enum(skills)).max(5).default([]),
    priority: z.number().int().min(1).max(5).default(1),
  })
  .strict();
export type VisitCreate = z.infer<typeof visitCreate>;

/** What a change to a visit (or to a series' visits) may set: each field checked as at creation, all optional. */
const visitChangeFields = {
  task: visitCreate.shape.task.optional(),
  windowStart: clock.optional(),
  windowEnd: clock.optional(),
  durationMinutes: visitCreate.shape.durationMinutes.optional(),
  requiredSkills: z.array(z.enum(skills)).max(5).optional(),
  priority: z.number().int().min(1).max(5).optional(),
};
const changesSomething = [(v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined), { message: 'Change at least one field' }] as const;

/** A change to a visit that has not started: any of its fields but the client and the night; the window as both ends. */
export const visitEdit = z.object(visitChangeFields).strict().refine(...changesSomething);
export type VisitEdit = z.infer<typeof visitEdit>;

export const solveBody = z.object({ timeLimitSeconds: z.number().min(0.2).max(60).default(5) });

// Answers. Instants are z.date(): the serializer sends them as ISO strings.

export const planningRunOut = z.object({
  id: z.string(),
  night: isoNight,
  status: z.enum(['running', 'done', 'failed']),
  timeLimitMs: z.number().int(),
  elapsedMs: z.number().int().describe('Solver time so far, updated while it runs'),
  iterations: z.number().int(),
  travelMinutes: z.number().nullable().describe("Total driving of the best plan so far; null until the solver's first report"),
  unassigned: z.number().int().nullable().describe('Visits the best plan so far leaves out; null until the first report'),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  roads: z.enum(['estimate', 'osrm']).describe("Travel times from the alliance's OSRM server, or the offline estimate"),
  roadsWarning: z.string().nullable().describe('Why the estimate was used although an OSRM server is configured'),
  stopRequested: z.boolean(),
  stoppedEarly: z.boolean().describe('Stopped by the coordinator before its time limit; the best plan found so far was kept'),
});

export const nightOverviewOut = z.object({
  night: isoNight,
  shift: z.object({ startsAt: z.date(), endsAt: z.date(), zone: z.string().describe("The alliance's IANA time zone") }),
  nurses: z.array(z.object({ userId: z.string(), name: z.string(), skills: z.array(z.enum(skills)), latitude: z.number().nullable(), longitude: z.number().nullable() })).describe('Nurses on duty during the shift'),
  visits: z.array(
    z.object({
      id: z.string(),
      clientId: z.string(),
      clientName: z.string().nullable().describe('Null when the caller may not identify the client'),
      address: z.string().nullable().describe('Null when the caller may not identify the client'),
      task: z.string(),
      windowStart: z.date(),
      windowEnd: z.date(),
      durationMinutes: z.number().int(),
      requiredSkills: z.array(z.enum(skills)),
      priority: z.number().int().min(1).max(5).describe('Higher is more important to keep when not every visit fits'),
      latitude: z.number(),
      longitude: z.number(),
      assignedUserId: z.string().nullable().describe('The nurse the last finished plan gives the visit to; null when unplanned or left out'),
      sequence: z.number().int().nullable().describe("0-based position in the nurse's route"),
      plannedStart: z.date().nullable(),
      unplannedReason: z.string().nullable().describe("Why the last plan left the visit out: 'no_nurse_with_skill:<skills>' (nobody on duty brings them) or 'no_time'; null when planned"),
      status: z.enum(['planned', 'en_route', 'on_site', 'done']),
      seriesId: z.string().nullable().describe('The recurring series the visit comes from; null for a single visit'),
    }),
  ),
  lastRun: planningRunOut.nullable().describe("The night's latest solver run"),
});

export const visitParams = z.object({ id: z.uuid() });
export const myVisitsQuery = z.object({ night: isoNight.optional().describe('The local date the night shift starts on; without it, the visits of the night in hand (windows from 12 hours ago to 18 hours ahead)') });
export const visitStepBody = z.object({ status: z.enum(['en_route', 'on_site', 'done']) });

export const myVisitsOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      sequence: z.number().int().describe("0-based position in the nurse's route"),
      task: z.string(),
      plannedStart: z.date().nullable(),
      windowStart: z.date(),
      windowEnd: z.date(),
      durationMinutes: z.number().int(),
      latitude: z.number(),
      longitude: z.number(),
      status: z.enum(['planned', 'en_route', 'on_site', 'done']),
      onSiteAt: z.date().nullable(),
      doneAt: z.date().nullable(),
      client: z.object({ id: z.string(), name: z.string(), address: z.string() }).nullable().describe('Null when the nurse may not identify the client (access ended, objection)'),
    }),
  ),
});

const rruleText = z.string().trim().min(5).max(300).describe("RFC 5545 RRULE over nights, e.g. 'FREQ=DAILY' (every night) or 'FREQ=WEEKLY;BYDAY=MO,TH'; the hour comes from the window, not the rule");

/** A recurring planned visit from a care agreement: the rule picks the nights, the window is wall-clock time. */
export const seriesCreate = z
  .object({
    clientId: z.uuid(),
    careAgreement: singleLine(200).min(2).describe('The care agreement the series carries out (a reference or short description)'),
    task: visitCreate.shape.task,
    rrule: rruleText,
    firstNight: isoNight,
    windowStart: clock,
    windowEnd: clock,
    durationMinutes: visitCreate.shape.durationMinutes,
    requiredSkills: z.array(z.enum(skills)).max(5).default([]),
    priority: z.number().int().min(1).max(5).default(1),
  })
  .strict();
export type SeriesCreate = z.infer<typeof seriesCreate>;

export const seriesEdit = z
  .object({ careAgreement: seriesCreate.shape.careAgreement.optional(), rrule: rruleText.optional(), ...visitChangeFields })
  .strict()
  .refine(...changesSomething);
export type SeriesEdit = z.infer<typeof seriesEdit>;

export const seriesStop = z.object({ lastNight: isoNight.describe('The last night with a visit; later nights not yet started are removed') }).strict();

export const seriesOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      clientId: z.string(),
      clientName: z.string().nullable().describe('Null when the caller may not identify the client'),
      careAgreement: z.string(),
      task: z.string(),
      rrule: z.string(),
      firstNight: isoNight,
      lastNight: isoNight.nullable().describe('Null while the series runs'),
      windowStart: z.string().describe('Wall-clock HH:MM in the alliance zone'),
      windowEnd: z.string(),
      durationMinutes: z.number().int(),
      requiredSkills: z.array(z.enum(skills)),
      priority: z.number().int(),
    }),
  ),
});

export const plannedVisitOut = z.object({
  id: z.string(),
  clientId: z.string(),
  organisationId: z.string(),
  night: z.string(),
  task: z.string(),
  windowStart: z.date(),
  windowEnd: z.date(),
  durationMinutes: z.number(),
  status: z.string(),
  assignedUserId: z.string().nullable(),
  plannedStart: z.date().nullable(),
  onSiteAt: z.date().nullable(),
  doneAt: z.date().nullable(),
});
