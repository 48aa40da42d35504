import { z } from 'zod';
import { helpKinds, partsOfDay } from '../schemas.js';

const uuid = z.uuid();

/** What the person chooses to show the neighbourhood: never more than a first name, the area, the kind and the day. */
export const shareBody = z.object({
  share: z.boolean(),
  showFirstName: z.boolean().default(false),
  showTitle: z.boolean().default(false),
});
export type ShareBody = z.infer<typeof shareBody>;

export const shareOut = z.object({ neighbourhood: z.string().nullable() });

export const claimParams = z.object({ clientId: uuid, claimId: uuid });
export const neighbourHelpParams = z.object({ helpId: uuid });

/** Shared help as the neighbourhood sees it: only the fields the person chose, no address, no health data. */
export const neighbourHelpOut = z.object({
  id: uuid,
  direction: z.enum(['request', 'offer']),
  kind: z.enum(helpKinds),
  /** Only when the person chose to show it. */
  title: z.string().nullable(),
  wantedOn: z.string().nullable(),
  partOfDay: z.enum(partsOfDay).nullable(),
  /** The first name the person chose to show, or null for "a neighbour". */
  shownAs: z.string().nullable(),
  postcodeArea: z.string(),
  neighbourhood: z.string(),
  /** The caller's own offer to take it up, if they made one. */
  myClaim: z.enum(['pending', 'accepted', 'declined']).nullable(),
});

export const claimOut = z.object({
  id: uuid,
  helpId: uuid,
  helpTitle: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.date(),
});
