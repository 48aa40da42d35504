import { z } from 'zod';
import { multiLine, singleLine } from '../../platform/http/index.js';

const uuid = z.uuid();
const name = (max: number) => singleLine(max).pipe(z.string().min(1));
/** A neighbourhood's address on the public page: the same pattern for the one made and the one asked for. */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens').max(80);

export const neighbourhoodCreate = z.object({
  allianceId: uuid.optional(),
  slug,
  name: name(200),
  municipality: name(200),
  postcodes: z.array(z.string().regex(/^[1-9][0-9]{3}$/, 'a 4-digit postcode area')).max(50).default([]),
  intro: multiLine(2000).default(''),
  /** Demo data is labelled as such on the public page. */
  fictional: z.boolean().default(false),
});
export type NeighbourhoodCreate = z.infer<typeof neighbourhoodCreate>;

/** An edit replaces the whole description; the alliance stays. */
export const neighbourhoodUpdate = neighbourhoodCreate.omit({ allianceId: true });
export type NeighbourhoodUpdate = z.infer<typeof neighbourhoodUpdate>;

export const partnerBody = z.object({ organisationId: uuid });
export const volunteerBody = z.object({ name: name(200), email: z.email().max(254) });
export const volunteerParams = z.object({ id: uuid, citizenId: uuid });
export const volunteerListOut = z.object({ items: z.array(z.object({ id: uuid, name: z.string(), email: z.string() })) });
export const ambitionBody = z.object({ title: name(200), description: multiLine(2000).default(''), position: z.number().int().min(0).max(1000).default(0) });
export const commitmentBody = z.object({ ambitionId: uuid, organisationId: uuid, text: name(500), dueOn: z.iso.date().optional() });
export const commitmentUpdate = z.object({ text: name(500), dueOn: z.iso.date().nullable() });
export const progressBody = z.object({ progress: z.number().int().min(0).max(100), note: singleLine(500).default('') });

export const idParams = z.object({ id: uuid });
export const commitmentParams = idParams.extend({ commitmentId: uuid });
export const ambitionParams = idParams.extend({ ambitionId: uuid });
export const partnerParams = idParams.extend({ organisationId: uuid });
export const slugParams = z.object({ slug });

const commitmentOut = z.object({
  id: uuid,
  partner: z.string(),
  organisationId: uuid,
  text: z.string(),
  dueOn: z.string().nullable(),
  progress: z.number().int(),
  note: z.string(),
  updatedAt: z.date(),
});

/** What residents read: no client data, only the partnership's own words and figures. */
export const neighbourhoodOut = z.object({
  id: uuid,
  slug: z.string(),
  name: z.string(),
  municipality: z.string(),
  postcodes: z.array(z.string()),
  intro: z.string(),
  fictional: z.boolean(),
  partners: z.array(z.object({ organisationId: uuid, name: z.string(), kind: z.string() })),
  ambitions: z.array(z.object({ id: uuid, title: z.string(), description: z.string(), progress: z.number().int(), commitments: z.array(commitmentOut) })),
});
export type NeighbourhoodView = z.infer<typeof neighbourhoodOut>;

export const neighbourhoodListOut = z.object({ items: z.array(z.object({ id: uuid, slug: z.string(), name: z.string(), municipality: z.string(), fictional: z.boolean() })) });
