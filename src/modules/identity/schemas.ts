import { z } from 'zod';
import { singleLine } from '../../platform/http/index.js';

export const loginBody = z.object({
  email: singleLine(254).toLowerCase().email(),
  password: z.string().min(1).max(200),
  totp: z.string().trim().regex(/^\d{6}$/).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const switchOrganisationBody = z.object({ organisationId: z.uuid() });
export const switchAllianceBody = z.object({ allianceId: z.uuid() });
export const totpEnableBody = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export const apiKeyCreateBody = z.object({ name: singleLine(80).min(2) });

export const membershipSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  kind: z.string(),
  roles: z.array(z.string()),
});

export const meResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), language: z.string(), totpEnabled: z.boolean() }),
  activeOrganisationId: z.string(),
  /** The alliance the session acts in; null while the organisation is in several and none is chosen. */
  activeAllianceId: z.string().nullable(),
  /** The active organisation's alliances, to choose from. */
  alliances: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The zone of the active organisation's alliance: times are shown in it, whatever the browser's zone. */
  timeZone: z.string(),
  secondFactorDone: z.boolean(),
  memberships: z.array(membershipSchema),
  nightTeam: z.boolean().describe("In the night team of the acting alliance: a coordinator then starts on the coordinator's board"),
  medcom: z.boolean().describe('The acting alliance exchanges Danish MedCom messages (a member has a SOR id): the menu offers the MedCom page'),
});
export type Me = z.infer<typeof meResponse>;
