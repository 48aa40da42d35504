import { z } from 'zod';
import { urgencies } from '../incidents/triage.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM');

export const kpiQuery = z.object({
  from: z.iso.date().optional().describe('First local date (included); default: 29 days before `to`'),
  to: z.iso.date().optional().describe('Last local date (included); default: today in the alliance zone. At most 366 days in all.'),
  allianceId: z.uuid().optional(),
});
export const costAllocationQuery = z.object({ month: month.optional().describe('YYYY-MM in the alliance zone; default: the last full month'), allianceId: z.uuid().optional() });

const bucket = z.object({ fromMinute: z.number(), toMinute: z.number().nullable().describe('Exclusive; null for the open bucket of 120 minutes and more'), count: z.number() });
const distribution = z.object({
  count: z.number().describe('Incidents with a time on site'),
  percentiles: z.object({ p50: z.number().nullable(), p75: z.number().nullable(), p90: z.number().nullable(), p95: z.number().nullable() }).describe('Minutes alarm → on site, linear interpolation'),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  withinThirtyMinutes: z.number(),
  withinThirtyShare: z.number().nullable().describe('0–1'),
  histogram: z.array(bucket).describe('25 buckets of 5 minutes'),
});

export const kpiOut = z.object({
  allianceId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  incidents: z.number(),
  responseTime: distribution,
  byUrgency: z.array(z.object({ urgency: z.enum(urgencies), incidents: z.number(), targetMinutes: z.number().nullable(), withinTargetShare: z.number().nullable(), responseTime: distribution })),
  byOrganisation: z.array(z.object({ organisationId: z.string().nullable().describe('Null: alarms never linked to a client'), organisationName: z.string().nullable(), incidents: z.number(), responseTime: distribution })),
  alarmsByHour: z.array(z.number()).length(24).describe('Incidents by local hour of receipt, index 0–23'),
  falseAlarms: z.object({ count: z.number(), rate: z.number().nullable().describe('Cancelled as false_alarm / all incidents, 0–1') }),
});

const totals = z.object({ incidents: z.number(), minutesOnSite: z.number() });
export const costAllocationOut = z.object({
  allianceId: z.string(),
  allianceName: z.string(),
  timeZone: z.string(),
  month: z.string(),
  from: z.date(),
  to: z.date(),
  lines: z.array(
    z.object({
      organisationId: z.string(),
      organisationName: z.string(),
      incidents: z.number(),
      minutesOnSite: z.number(),
      incidentShare: z.number().nullable().describe('0–1 of the allocated total'),
      minutesShare: z.number().nullable().describe('0–1 of the allocated total'),
    }),
  ),
  total: totals.describe('Allocated totals: incidents linked to a client'),
  unallocated: totals.describe('Incidents never linked to a client, outside the division'),
});
