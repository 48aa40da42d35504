import { z } from 'zod';
import { multiLine, singleLine } from '../../platform/http/index.js';

export const themes = ['palliative_care', 'spiritual_care', 'informal_care', 'loneliness', 'dementia', 'grief', 'end_of_life_talks', 'volunteers'] as const;
export const targetGroups = ['incurably_ill', 'informal_caregivers', 'older_people', 'professionals', 'volunteers', 'bereaved', 'migrants'] as const;
export const stages = ['idea', 'starting', 'running', 'stopped'] as const;
export const partnerKinds = ['municipality', 'palliative_care_network', 'welfare', 'care_provider', 'spiritual_care_centre', 'other'] as const;
export const supportStatuses = ['none', 'asked', 'in_contact', 'supported', 'closed'] as const;

const url = z.url({ protocol: /^https?$/ }).max(500);
export const partnerSchema = z.object({ name: singleLine(120).min(2), kind: z.enum(partnerKinds) });

/** What a submitter or a coordinator writes about an initiative (issue 14, item 2). */
export const initiativeInput = z.object({
  title: singleLine(140).min(4),
  summary: multiLine(3000).min(10),
  municipalityId: z.uuid(),
  place: singleLine(80).default(''),
  partners: z.array(partnerSchema).max(20).default([]),
  themes: z.array(z.enum(themes)).max(themes.length).default([]),
  targetGroups: z.array(z.enum(targetGroups)).max(targetGroups.length).default([]),
  stage: z.enum(stages),
  startedOn: z.iso.date().optional(),
  contactName: singleLine(120).min(2),
  contactEmail: z.email().max(200),
  contactPhone: singleLine(40).default(''),
  /** Consent to publish the contact's name, e-mail and phone; without it nothing personal is shown. */
  contactPublish: z.boolean().default(false),
  links: z.array(url).max(10).default([]),
  files: z.array(url).max(10).default([]),
  /** Films are embedded by their URL (the platform stores no video). */
  films: z.array(url).max(5).default([]),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  wantsSupport: z.boolean().default(false),
});
export type InitiativeInput = z.infer<typeof initiativeInput>;

export const idParams = z.object({ id: z.uuid() });

export const publicInitiativeOut = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  municipality: z.object({ id: z.uuid(), name: z.string() }),
  network: z.object({ id: z.uuid(), name: z.string() }),
  place: z.string(),
  partners: z.array(z.object({ name: z.string(), kind: z.string() })),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  stage: z.enum(stages),
  startedOn: z.string().nullable(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }).nullable(),
  links: z.array(z.string()),
  files: z.array(z.string()),
  films: z.array(z.string()),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  lastVerifiedOn: z.string().nullable(),
  wantsSupport: z.boolean(),
  fictional: z.boolean(),
  acceptedAt: z.string().nullable(),
});
export type PublicInitiative = z.infer<typeof publicInitiativeOut>;

export const candidateOut = z.object({ id: z.uuid(), title: z.string(), municipality: z.string(), place: z.string(), partners: z.string(), score: z.number() });
