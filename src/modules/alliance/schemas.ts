import { z } from 'zod';
import { singleLine } from '../../platform/http/index.js';
import { roles, sharingPurposeSchema } from '../../platform/access/index.js';

export const organisationKinds = [
  'care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre',
  // The respite pilot's partners (migration 0019): the voice of older people, research, regional support.
  'older_persons_organisation', 'knowledge_institute', 'regional_support',
  // The network map (migration 0020): regional palliative-care networks, Agora/Fibula, spiritual care.
  'palliative_care_network', 'national_support_body', 'spiritual_care_centre',
  // The neighbourhood partnership (migration 0030): the region, the housing corporation.
  'region', 'housing',
] as const;
const isoDate = z.iso.date();

export const organisationCreate = z.object({
  allianceId: z.uuid(),
  name: singleLine(120).min(2),
  kind: z.enum(organisationKinds),
  city: singleLine(80).optional(),
});
export type OrganisationCreate = z.infer<typeof organisationCreate>;

export const agreementCreate = z
  .object({
    allianceId: z.uuid(),
    organisationId: z.uuid(),
    purposes: z.array(sharingPurposeSchema).min(1),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    signedBy: singleLine(120).min(2),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, { path: ['endsOn'], message: 'The end date must not be before the start date' });
export type AgreementCreate = z.infer<typeof agreementCreate>;

export const staffCreate = z.object({
  email: singleLine(254).toLowerCase().email(),
  name: singleLine(120).min(2),
  // NIST 800-63B: length over composition rules.
  password: z.string().min(12).max(200),
  roles: z.array(z.enum(roles)).min(1),
});
export type StaffCreate = z.infer<typeof staffCreate>;

export const organisationOut = z.object({ id: z.string(), name: z.string(), kind: z.string(), city: z.string().nullable() });
export const agreementOut = z.object({
  id: z.string(),
  allianceId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  purposes: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  signedBy: z.string(),
  active: z.boolean(),
});
export const staffOut = z.object({ id: z.string(), name: z.string(), email: z.string(), roles: z.array(z.string()), totpEnabled: z.boolean() });
export const allianceOut = z.object({ id: z.string(), name: z.string(), region: z.string(), timeZone: z.string(), consentModel: z.string(), plannedVisitsEnabled: z.boolean() });
export const allianceSettingsUpdate = z
  .object({ plannedVisitsEnabled: z.boolean().describe('Whether the night team also makes planned night visits; off by default: the announced team is for acute, unplanned care') })
  .strict();
export type AllianceSettingsUpdate = z.infer<typeof allianceSettingsUpdate>;
