import { z } from 'zod';
import { multiLine, singleLine } from '../../platform/http/index.js';
import { identificationOut } from '../clients/index.js';
import { cancelReasons, incidentEventTypes, incidentStatuses } from './incidents/lifecycle.js';
import { DEVICE_SILENT } from './alarms/supervision/intervals.js';
import { incidentReasons, skills, urgencies } from './incidents/triage.js';

export const incidentParams = z.object({ id: z.uuid() });

export const webhookAlarmBody = z.object({
  /** The alarm account of the client's device, as the alarm centre knows it. */
  // Upper case as clients and DC-09 keys store it, so a retry in lower case is the same request.
  account: z.string().trim().regex(/^[0-9A-Fa-f]{3,16}$/, 'An alarm account is 3 to 16 hexadecimal characters').transform((a) => a.toUpperCase()),
  reason: z.enum(incidentReasons),
  qualifier: z.enum(['new', 'restore', 'status']).default('new'),
  eventCode: singleLine(16).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('When the alarm happened by the sender’s clock: kept as reported beside the receipt time, which is the server’s'),
  note: multiLine(1000).optional(),
});

export const idempotencyHeaders = z.object({ 'idempotency-key': singleLine(128).min(8) });

export const manualIncidentBody = z.object({
  clientId: z.uuid().optional(),
  reason: z.enum(incidentReasons),
  urgency: z.enum(urgencies).optional(),
  note: multiLine(1000).optional(),
  callerName: singleLine(120).optional(),
});

export const triageBody = z.object({ urgency: z.enum(urgencies), reason: z.enum(incidentReasons).optional(), note: multiLine(1000).optional() });
export const assignBody = z.object({ userId: z.uuid() });
export const linkClientBody = z.object({ clientId: z.uuid() });
export const nurseStatusBody = z.object({ status: z.enum(['en_route', 'on_site']) });
export const completeBody = z.object({
  actions: z.array(singleLine(200).min(1)).min(1).max(20),
  minutesOnSite: z.number().int().min(0).max(600).optional().describe('Only to correct the minutes the server computes from the on-site time to now; needs minutesCorrectionReason when it differs'),
  minutesCorrectionReason: singleLine(500).min(3).optional().describe('Why the computed minutes on site are wrong, e.g. "Tapped on site only when leaving"; stored and audited'),
  followUpNeeded: z.boolean(),
  followUp: multiLine(2000).optional(),
  notes: multiLine(4000).optional(),
  caregiverCannotCope: z.boolean().optional().describe('The informal caregiver cannot cope: the morning handover suggests respite to the home organisation'),
  confirmUnansweredReferral: z.boolean().optional().describe('Completing while a GP referral is still unanswered needs this set to true (409 REFERRAL_UNANSWERED otherwise)'),
}).refine((r) => !r.followUpNeeded || !!r.followUp, { path: ['followUp'], message: 'Describe the follow-up the day team should do' });
export const cancelBody = z.object({ reason: z.enum(cancelReasons), note: multiLine(1000).optional() });
export const escalateBody = z.object({ note: multiLine(1000).optional() });
export const dutyBody = z.object({ skills: z.array(z.enum(skills)).max(skills.length).default([]) });
export const positionBody = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });

// Answers. Instants are z.date(): the serializer sends them as ISO strings.

/** How a closed incident ended: `incident.outcome` as the lifecycle writes it. */
export const incidentOutcomes = ['completed', 'escalated_112', ...cancelReasons] as const;

export const incidentOut = z.object({
  id: z.string(),
  status: z.enum(incidentStatuses),
  reason: z.enum(incidentReasons),
  urgency: z.enum(urgencies).nullable().describe('NTS urgency U1 (life-threatening) … U5 (advice); null until triaged'),
  triageNote: z.string().nullable(),
  receivedAt: z.date().describe('When the server received the alarm; response times count from here'),
  occurredAt: z.date().nullable().describe('When the alarm happened by the sender’s clock, as reported (webhook occurredAt); null when not reported'),
  onSiteAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  outcome: z.enum(incidentOutcomes).nullable().describe('completed, escalated_112 or the cancel reason; null while open'),
  latitude: z.number().nullable().describe("Where care is needed: the client's address; null while unidentified or without coordinates"),
  longitude: z.number().nullable(),
  assignedUserId: z.string().nullable().describe('The nurse the incident is offered to (status assigned) or who accepted it'),
  offerExpiresAt: z.date().nullable().describe('When an open offer lapses to the next nurse; null when no offer is open'),
  organisationId: z.string().nullable().describe("The client's home organisation; null while unidentified"),
  client: identificationOut.nullable().describe('Null for an unidentified alarm, or when the caller may not identify the client'),
  unidentified: z.boolean().describe('The alarm is not linked to a client (yet); the coordinator links it by hand'),
  alarmAccount: z.string().nullable().describe("The alarm device's account while the incident is unidentified; null once linked to a client and for calls entered by hand"),
  deadlineAt: z.date().nullable().describe("When a nurse must be on site: receipt plus the urgency's response time; null untriaged or for U5"),
  overdueAlerts: z.number().int().describe('Closed-loop alerts raised because no nurse was on site by the deadline: 0, 1, or 2 (the repeat)'),
  overdueAlertAt: z.date().nullable().describe('When the last closed-loop alert was raised'),
});
export const incidentListOut = z.object({ items: z.array(incidentOut) });

const incidentEventOut = z.object({
  id: z.number().int(),
  at: z.date(),
  type: z.enum(incidentEventTypes),
  fromStatus: z.enum(incidentStatuses).nullable(),
  toStatus: z.enum(incidentStatuses).nullable().describe('Null for an event that does not change the status'),
  actorName: z.string().nullable().describe('Null for the system: alarm receiver, automatic dispatch, lapsed offers'),
  details: z.record(z.string(), z.unknown()).describe("What the step recorded, by type, e.g. the proposed urgency, the nurse offered or the cancel reason"),
});
const visitReportOut = z.object({
  actions: z.array(z.string()),
  minutesOnSite: z.number().int().describe('The computed minutes, or the corrected figure when minutesCorrectionReason is set'),
  minutesComputed: z.number().int().nullable().describe('From the on-site time to the report, as the server computed it; null for older reports'),
  minutesCorrectionReason: z.string().nullable(),
  followUpNeeded: z.boolean(),
  followUp: z.string().nullable(),
  notes: z.string().nullable(),
  writtenAt: z.date(),
});
export const incidentDetailOut = z.object({
  incident: incidentOut,
  events: z.array(incidentEventOut).describe('The history, oldest first'),
  report: visitReportOut.nullable().describe("The nurse's visit report; null until the incident is completed"),
  alarmHistory: z
    .object({
      items: z.array(
        z.object({
          id: z.string(),
          receivedAt: z.date(),
          reason: z.enum(incidentReasons),
          urgency: z.enum(urgencies).nullable(),
          status: z.enum(incidentStatuses),
          outcome: z.enum(incidentOutcomes).nullable(),
          tonight: z.boolean().describe('Received earlier in the same night shift'),
        }),
      ),
      repeated: z.boolean().describe('Repeated alarms: an earlier one tonight, or three or more earlier ones this week'),
    })
    .nullable()
    .describe("The client's other incidents in the week before this one, newest first; for the coordinator, null while unidentified"),
});

export const proposalListOut = z.object({
  items: z
    .array(
      z.object({
        userId: z.string(),
        organisationId: z.string(),
        name: z.string(),
        etaMinutes: z.number().int().nullable().describe('Minutes until on site: the time still needed for the incident in hand plus the drive; null when the incident has no location or the nurse no known position'),
        etaBasis: z.enum(['current_position', 'after_current_incident', 'incident_location_unknown', 'nurse_position_unknown']).describe('What the ETA rests on, or why there is none'),
        withinDeadline: z.boolean().describe("On site within the urgency's response time"),
        missingSkills: z.array(z.enum(skills)).describe('Skills the reason needs that the nurse did not bring tonight'),
        lateVisits: z.number().int().describe('Planned visits that taking the incident now would push out of their window'),
        late: z.array(z.object({ visitId: z.string(), windowStart: z.date(), windowEnd: z.date(), lateMinutes: z.number().int() })).describe('Which planned visits would be late, their window, and by how many minutes'),
      }),
    )
    .describe('Nurses on duty who have not declined it, best first'),
});

const silenceOut = z.object({
  kind: z.enum(['dc09', 'webhook']),
  source: z.string().describe('The DC-09 account or the alarm centre’s organisation id'),
  name: z.string().nullable().describe('The alarm centre’s name; null for a DC-09 account'),
  lastSeenAt: z.iso.datetime().describe('When it last sent anything (or was registered, if it never did)'),
  intervalMinutes: z.number().int().describe('Its expected test interval; silent after twice that'),
});

export const technicalAlarmListOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      account: z.string().nullable().describe("The device's alarm account; null for a manual entry"),
      reason: z.enum([...incidentReasons, DEVICE_SILENT]),
      qualifier: z.enum(['new', 'restore', 'status']).describe('new: the signal opens; restore: it ends; status: still present'),
      eventCode: z.string().nullable().describe("The device's own event code, e.g. 302 (Contact ID) or YT (SIA)"),
      source: z.enum(['dc09', 'webhook', 'manual', 'supervision']).describe('supervision: raised here because a source stopped speaking'),
      receivedAt: z.date(),
      client: identificationOut.nullable().describe('Null when the account matches no client or the caller may not identify them'),
      silence: silenceOut.nullable().describe('For a device_silent alarm: which source went quiet, and since when'),
    }),
  ),
});

const dutyFields = { id: z.string(), startsAt: z.date(), endsAt: z.date(), skills: z.array(z.enum(skills)) };
export const dutyStartedOut = z.object({ ...dutyFields, night: z.iso.date().describe('Local date on which the night shift starts') });
export const myDutyOut = z.object({
  duty: z
    .object({
      ...dutyFields,
      latitude: z.number().nullable().describe('Last reported position; null until the app reports one'),
      longitude: z.number().nullable(),
      breakSince: z.date().nullable().describe('When the nurse’s break started; null while working'),
    })
    .nullable()
    .describe('The current or next duty; null when none is booked'),
});

export const nurseListOut = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      organisationId: z.string().describe('The organisation employing the nurse'),
      skills: z.array(z.enum(skills)),
      latitude: z.number().nullable().describe('Last reported position; null until the app reports one'),
      longitude: z.number().nullable(),
      positionAt: z.date().nullable(),
      endsAt: z.date(),
    }),
  ),
});
