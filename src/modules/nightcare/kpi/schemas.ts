import { z } from 'zod';
import { urgencies } from '../incidents/triage.js';
import { standbyKeys } from './agreement.js';
import { gpOutcomes } from './figures.js';
import { responseNorm } from './norms.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM');

export const kpiQuery = z.object({
  from: z.iso.date().optional().describe('First local date (included); default: 29 days before `to`'),
  to: z.iso.date().optional().describe('Last local date (included); default: today in the alliance zone. At most 366 days in all.'),
  allianceId: z.uuid().optional(),
});
export const costAllocationQuery = z.object({ month: month.optional().describe('YYYY-MM in the alliance zone; default: the last full month'), allianceId: z.uuid().optional() });
export const coverageQuery = z.object({ urgency: z.enum(urgencies).optional().describe('Whose norm sets the driving time; default U2'), allianceId: z.uuid().optional() });
export const settingsQuery = z.object({ allianceId: z.uuid().optional() });

const bucket = z.object({ fromMinute: z.number(), toMinute: z.number().nullable().describe('Exclusive; null for the open bucket of 120 minutes and more'), count: z.number() });
const distribution = z.object({
  count: z.number().describe('Incidents with a time on site'),
  percentiles: z.object({ p50: z.number().nullable(), p75: z.number().nullable(), p90: z.number().nullable(), p95: z.number().nullable() }).describe('Minutes alarm → on site, linear interpolation'),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  withinThirtyMinutes: z.number(),
  withinThirtyShare: z.number().nullable().describe('0–1 of those attended'),
  histogram: z.array(bucket).describe('25 buckets of 5 minutes'),
});
const reach = z.object({
  attended: z.number().describe('A nurse was on site'),
  unattended: z.number().describe('Not cancelled, needed a visit (its urgency has a norm, or was never triaged) and never got one'),
  cancelled: z.number(),
  cancelledByReason: z.record(z.string(), z.number()),
});
const share = z.number().nullable().describe('0–1; null without data');

export const kpiOut = z.object({
  allianceId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  incidents: z.number(),
  reach,
  responseTime: distribution,
  byUrgency: z.array(
    z.object({
      urgency: z.enum(urgencies),
      incidents: z.number(),
      norm: responseNorm,
      targetMinutes: z.number().nullable(),
      withinTarget: z.number(),
      withinTargetShare: share.describe('On site within the norm ÷ (attended + unattended): never reached counts as late'),
      reach,
      responseTime: distribution,
    }),
  ),
  byOrganisation: z.array(z.object({ organisationId: z.string().nullable().describe('Null: alarms never linked to a client'), organisationName: z.string().nullable(), incidents: z.number(), reach, responseTime: distribution })),
  alarmsByHour: z.array(z.number()).length(24).describe('Incidents by local hour of receipt, index 0–23'),
  falseAlarms: z.object({ count: z.number(), rate: share.describe('Cancelled as false_alarm / all incidents, 0–1') }),
  staffing: z.object({
    minimumNightNurses: z.number(),
    nights: z.array(z.object({ night: z.string(), nurses: z.number(), nurseHours: z.number(), underMinimum: z.boolean() })),
    nurseHours: z.number(),
    onDutyMinutes: z.number(),
    nurseHoursPerNight: z.number().nullable(),
    nurseNights: z.number(),
    nightsUnderMinimum: z.number(),
  }),
  utilisation: z.object({
    travelMinutes: z.number(),
    onSiteMinutes: z.number(),
    onDutyMinutes: z.number(),
    share: share.describe('(travel + on site) ÷ on duty'),
    incidentsPerNurseNight: z.number().nullable().describe('Attended incidents ÷ nurse-nights'),
  }),
  escalations: z.object({
    to112: z.number(),
    gpPost: z.object({ referrals: z.number(), unanswered: z.number(), byOutcome: z.object(Object.fromEntries(gpOutcomes.map((o) => [o, z.number()])) as Record<(typeof gpOutcomes)[number], z.ZodNumber>) }),
  }),
  repeats: z.object({ clients: z.number(), once: z.number(), twice: z.number(), threeOrMore: z.number(), repeatIncidents: z.number(), incidentsPerClient: z.number().nullable() }),
  handovers: z.object({ due: z.number(), readOnTime: z.number(), readLate: z.number(), unread: z.number(), onTimeShare: share }),
});

export const coverageOut = z.object({
  allianceId: z.string(),
  night: z.string(),
  urgency: z.enum(urgencies),
  norm: responseNorm,
  nursesOnDuty: z.number(),
  nursesWithPosition: z.number(),
  eligibleClients: z.number(),
  clientsWithoutLocation: z.number(),
  reachable: z.number(),
  outOfReach: z.number(),
  share: share.describe('Reachable ÷ eligible clients with a known location'),
  areasOutOfReach: z.array(z.object({ postcode4: z.string(), clients: z.number() })),
});

const cents = z.number().int().min(0).max(100_000);
export const costAgreementSchema = z.object({
  agreementReference: z.string().trim().max(200).describe('Where the partners agreed these figures'),
  standbyCentsPerNurseHour: cents.describe('Euro cents per nurse-hour on duty'),
  onSiteCentsPerHour: cents,
  travelCentsPerHour: cents,
  standbyKey: z.enum(standbyKeys),
  eligibleClientsPercent: z.number().int().min(0).max(100).describe('For mix: the part divided by eligible clients'),
  fixedShares: z.record(z.uuid(), z.number().int().min(0).max(10_000)).describe('Organisation id → basis points; must add up to 10000 when used'),
});

export const settingsBody = z.object({
  allianceId: z.uuid().optional(),
  responseNorms: z.object(Object.fromEntries(urgencies.map((u) => [u, responseNorm])) as Record<(typeof urgencies)[number], typeof responseNorm>),
  minimumNightNurses: z.number().int().min(0).max(100),
  costAgreement: costAgreementSchema.nullable(),
});
export const settingsOut = settingsBody.extend({ allianceId: z.string() });

const work = { deployments: z.number(), minutesOnSite: z.number(), travelMinutes: z.number() };
const money = { fixedCents: z.number(), variableCents: z.number(), totalCents: z.number() };
export const costAllocationOut = z.object({
  allianceId: z.string(),
  allianceName: z.string(),
  timeZone: z.string(),
  month: z.string(),
  from: z.date(),
  to: z.date(),
  agreement: costAgreementSchema.nullable().describe('Null: no rates entered yet, every amount is 0'),
  organisationNames: z.record(z.string(), z.string()),
  suppliers: z.array(z.object({ organisationId: z.string(), nurseHours: z.number(), standbyCents: z.number() })),
  users: z.array(z.object({ organisationId: z.string(), eligibleClients: z.number(), keyShare: share, ...work, ...money })),
  cells: z.array(z.object({ supplierId: z.string(), userId: z.string(), ...work, ...money })),
  totals: z.object({ ...work, ...money }),
  notDeployments: z.object({ unattended: z.number(), cancelled: z.number() }).describe('Incidents no nurse reached: never charged'),
  unallocated: z.object({ ...work, variableCents: z.number(), standbyCents: z.number() }).describe('Deployments for unlinked alarms, and standby no key could divide'),
});
