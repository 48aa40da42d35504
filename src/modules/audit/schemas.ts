import { z } from 'zod';
import { auditActionSchema } from '../../platform/audit/index.js';
import { multiLine, singleLine } from '../../platform/http/index.js';

export const auditQuery = z.object({
  clientId: z.uuid().optional(),
  userId: z.uuid().optional(),
  // Text rules first (a control character is refused as such), then the closed vocabulary.
  action: singleLine(40).pipe(auditActionSchema).optional(),
  outcome: z.enum(['allowed', 'refused']).optional(),
  purpose: singleLine(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset paging: entries older than this id. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryOut = z.object({
  id: z.number(),
  at: z.date(),
  userName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  role: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable().optional().describe("The client's name where the viewer may see it (a client of their own organisation); otherwise absent or null"),
  action: z.string(),
  resource: z.string(),
  fields: z.array(z.string()),
  purpose: z.string().nullable(),
  reason: z.string().nullable(),
  outcome: z.string(),
});
export type AuditEntryOut = z.infer<typeof auditEntryOut>;

export const reviewOut = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  userName: z.string(),
  organisationName: z.string(),
  reason: z.string().nullable(),
  grantedAt: z.date(),
  expiresAt: z.date(),
  reviewStatus: z.string(),
  reviewNote: z.string().nullable(),
});

export const reviewBody = z.object({ verdict: z.enum(['justified', 'unjustified']), note: multiLine(500).optional() });

export const verificationOut = z.object({
  ok: z.boolean(),
  checked: z.number(),
  pending: z.number(),
  checkpoints: z.number(),
  findings: z.array(
    z.object({
      kind: z.enum(['truncation', 'insertion', 'alteration', 're-hashing', 'deletion', 'checkpoint']),
      chain: z.string(),
      seq: z.number().nullable(),
      auditId: z.number().nullable(),
    }),
  ),
});
