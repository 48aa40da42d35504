import { z } from 'zod';
import { cancelReasons } from './lifecycle.js';
import { incidentReasons, skills, urgencies } from './triage.js';

export const incidentParams = z.object({ id: z.uuid() });

export const webhookAlarmBody = z.object({
  /** The alarm account of the client's device, as the alarm centre knows it. */
  account: z.string().trim().regex(/^[0-9A-Fa-f]{3,16}$/, 'An alarm account is 3 to 16 hexadecimal characters'),
  reason: z.enum(incidentReasons),
  qualifier: z.enum(['new', 'restore', 'status']).default('new'),
  eventCode: z.string().trim().max(16).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(128) });

export const manualIncidentBody = z.object({
  clientId: z.uuid().optional(),
  reason: z.enum(incidentReasons),
  urgency: z.enum(urgencies).optional(),
  note: z.string().trim().max(1000).optional(),
  callerName: z.string().trim().max(120).optional(),
});

export const triageBody = z.object({ urgency: z.enum(urgencies), reason: z.enum(incidentReasons).optional(), note: z.string().trim().max(1000).optional() });
export const assignBody = z.object({ userId: z.uuid() });
export const linkClientBody = z.object({ clientId: z.uuid() });
export const nurseStatusBody = z.object({ status: z.enum(['en_route', 'on_site']) });
export const completeBody = z.object({
  actions: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  minutesOnSite: z.number().int().min(0).max(600),
  followUpNeeded: z.boolean(),
  followUp: z.string().trim().max(2000).optional(),
  notes: z.string().trim().max(4000).optional(),
}).refine((r) => !r.followUpNeeded || !!r.followUp, { path: ['followUp'], message: 'Describe the follow-up the day team should do' });
export const cancelBody = z.object({ reason: z.enum(cancelReasons), note: z.string().trim().max(1000).optional() });
export const escalateBody = z.object({ note: z.string().trim().max(1000).optional() });
export const dutyBody = z.object({ skills: z.array(z.enum(skills)).max(skills.length).default([]) });
export const positionBody = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });
