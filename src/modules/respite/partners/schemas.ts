import { z } from 'zod';
import { multiLine, singleLine } from '../../../platform/http/index.js';

/** Migration 0043's bound on a refusal's reason: a few plain sentences. */
const REFUSAL_REASON_MAX = 1000;

/** A GP's or practice nurse's referral of an overburdened caregiver; it becomes an intake request. */
export const referralBody = z.object({
  municipality: z.string().min(1).max(80),
  route: z.enum(['wmo', 'caregiver_support']).default('caregiver_support').describe('Default: the welfare organisation’s caregiver consultant does the intake'),
  from: z.iso.date().describe('Roughly when a stay would help'),
  to: z.iso.date(),
  forWhom: z.string().min(1).max(200),
  needs: z.string().max(2000).default(''),
  caregiverName: z.string().min(1).max(120),
  caregiverEmail: z.email().max(200),
  caregiverPhone: z.string().max(40).optional(),
  strainScore: z.number().int().min(0).max(13).optional().describe('Caregiver Strain Index (Robinson 1983) score, if taken'),
});
export type ReferralBody = z.infer<typeof referralBody>;

export const referralOut = z.object({ reference: z.string(), intake: z.object({ name: z.string(), phone: z.string() }) });

export const wmoDecisionBody = z
  .object({
    granted: z.boolean(),
    nightsPerYear: z.number().int().min(1).max(365).optional(),
    validFrom: z.iso.date().optional(),
    validUntil: z.iso.date().optional(),
    reference: singleLine(80).default('').describe('The decision’s number (beschikkingsnummer)'),
    refusalReason: multiLine(REFUSAL_REASON_MAX).optional().describe('Why the municipality refuses, in plain words the caregiver reads; required on a refusal, refused on a grant'),
  })
  .refine((d) => d.granted === (d.nightsPerYear !== undefined && d.validFrom !== undefined), { path: ['nightsPerYear'], message: 'A grant states nights per year and from when; a refusal neither' })
  .refine((d) => d.granted || Boolean(d.refusalReason), { path: ['refusalReason'], message: 'A refusal states its reason', params: { code: 'required_on_refusal' } })
  .refine((d) => !d.granted || d.refusalReason === undefined, { path: ['refusalReason'], message: 'A grant has no refusal reason', params: { code: 'not_on_grant' } })
  .refine((d) => !d.validUntil || (d.validFrom !== undefined && d.validUntil >= d.validFrom), { path: ['validUntil'], message: 'Ends before it starts' });
export type WmoDecisionBody = z.infer<typeof wmoDecisionBody>;
