import { z } from 'zod';
import { singleLine } from '../../../platform/http/index.js';

export const organisationParams = z.object({ id: z.uuid() });
export const tokenParams = z.object({ token: z.string().min(20).max(100) });

export const invitationCreate = z.object({
  email: singleLine(254).toLowerCase().email(),
  name: singleLine(120).min(2),
});
export type InvitationCreate = z.infer<typeof invitationCreate>;

export const invitationOut = z.object({
  id: z.string(),
  /** The path with the one-time token; mail is not sent from here, so the administrator hands the link over. */
  link: z.string().describe('The invitation link (path with a one-time token) to hand over to the invitee; shown once'),
  expiresAt: z.date(),
});

export const invitationView = z.object({ organisationName: z.string(), email: z.string(), name: z.string() });

export const invitationAccept = z.object({
  // NIST 800-63B: length over composition rules (as staffCreate).
  password: z.string().min(12).max(200),
});

export const checklistOut = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  kind: z.string(),
  items: z.object({
    agreement: z.boolean().describe('A night-care data-sharing agreement in force'),
    administrator: z.boolean().describe('An organisation administrator who has set up two-factor login'),
    invitationPending: z.boolean().describe('An administrator invitation sent and not yet accepted'),
    clientImport: z.boolean().describe('Clients registered'),
    letters: z.boolean().describe('Information letters sent'),
    nightTeamMembers: z.boolean().describe('Staff in the night team'),
  }),
  clients: z.number(),
  nightTeamMembers: z.number(),
});

export const teamMemberBody = z.object({ userId: z.uuid(), organisationId: z.uuid() });
export const teamMemberOut = z.object({ userId: z.string(), name: z.string(), email: z.string(), organisationId: z.string(), organisationName: z.string(), roles: z.array(z.string()) });
export const teamCandidateOut = teamMemberOut.extend({ member: z.boolean() });
