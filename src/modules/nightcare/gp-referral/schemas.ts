import { z } from 'zod';
import { multiLine, singleLine } from '../../../platform/http/index.js';
import { referralOutcomes } from './service.js';
import { identificationOut } from '../../clients/index.js';
import { urgencies } from '../incidents/triage.js';

export const referralParams = z.object({ id: z.uuid() });

export const referGpBody = z.object({
  reason: singleLine(500).min(1).describe('Why the GP post is needed, e.g. "Suspected hip fracture"'),
  urgency: z.enum(urgencies).describe('NTS urgency U1–U5 as the night team assesses it'),
  summary: multiLine(4000).min(1).describe('Clinical summary for the GP post: observations, vital signs, what was done'),
  byPhone: z.boolean().default(false).describe('The referral was made by phone: recorded here for the history, and its answer is recorded by the night team (POST /nightcare/referrals/{id}/phone-answer)'),
});
export const referGpOut = z.object({ referralId: z.string(), gpPostId: z.string(), gpPostName: z.string(), sentAt: z.date() });

export const referralListQuery = z.object({ status: z.enum(['sent', 'answered']).optional() });

export const referralOut = z.object({
  id: z.string(),
  incidentId: z.string(),
  reason: z.string(),
  urgency: z.string(),
  summary: z.string(),
  status: z.enum(['sent', 'answered']),
  answer: z.string().nullable(),
  outcome: z.enum(referralOutcomes).nullable(),
  sentAt: z.date(),
  sentByName: z.string(),
  answeredAt: z.date().nullable(),
  answeredByName: z.string().nullable(),
  incident: z.object({ status: z.string(), reason: z.string(), receivedAt: z.date() }),
});
export const referralDetailOut = referralOut.extend({
  client: identificationOut.nullable().describe('Null when the client objected to sharing, no agreement is in force, or the referral is older than 24 hours'),
});

export const answerBody = z.object({ answer: multiLine(4000).min(1), outcome: z.enum(referralOutcomes) });

const range = z
  .object({ from: z.number().int().min(1000).max(9999), to: z.number().int().min(1000).max(9999) })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'The range must not end before it starts' });
export const gpPostAreasBody = z.object({
  allianceId: z.uuid().optional(),
  gpPostId: z.uuid(),
  ranges: z.array(range).max(200).describe('4-digit postcode ranges, ends included; replaces the post’s current ranges'),
});
export const gpPostAreasOut = z.object({ gpPostId: z.string(), gpPostName: z.string(), ranges: z.array(z.object({ from: z.number(), to: z.number() })) });
export const gpPostAreasQuery = z.object({ allianceId: z.uuid().optional() });
