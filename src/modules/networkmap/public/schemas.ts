import { z } from 'zod';
import { candidateOut, initiativeInput, stages } from '../schemas.js';

/** The public call: the initiative, a honeypot field people never see, and the answer to "is it already known?". */
export const publicCall = initiativeInput.extend({
  /** Hidden from people (and from screen readers); a bot that fills every field fills this one too. */
  website: z.string().max(200).default(''),
  /** The submitter saw the candidates and says theirs is another initiative. */
  notADuplicate: z.boolean().default(false),
});
export type PublicCall = z.infer<typeof publicCall>;

export const callAnswer = z.object({ status: z.literal('check_your_mail') });
export const duplicatesOut = z.object({ candidates: z.array(candidateOut) });
export const tokenBody = z.object({ token: z.string().min(20).max(100) });
export const confirmOut = z.object({ title: z.string(), status: z.string() });

/** What the submitter sees through the private link: their own text, contact included. */
export const ownInitiativeOut = initiativeInput.extend({
  id: z.uuid(),
  status: z.string(),
  statusReason: z.string(),
  stage: z.enum(stages),
  startedOn: z.string().optional(),
  partners: z.array(z.object({ name: z.string(), kind: z.string() })),
});
export const editBody = initiativeInput.extend({ token: z.string().min(20).max(100) });
