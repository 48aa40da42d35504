import { z } from 'zod';
import { attachmentTypes, type AttachmentType } from './messages/sniff.js';

/**
 * The circles' settings, one place with their defaults; `buildApp({ circles })` overrides them (tests,
 * an installation that wants other limits). Parsed once, so a wrong value stops the start, not a request.
 */
const settingsSchema = z.object({
  /** Which kinds of file a message may carry; the real type is read from the bytes. */
  attachmentTypes: z.array(z.enum(attachmentTypes)).min(1).default(['pdf', 'png', 'jpeg']),
  /** Largest attachment, in bytes. 5 MB: a scanned letter or a photo, well under the request limit (base64 adds a third). */
  attachmentMaxBytes: z.number().int().min(1).max(7 * 1024 * 1024).default(5 * 1024 * 1024),
  /** At most this many attachments on one message. */
  attachmentsPerMessage: z.number().int().min(0).max(10).default(3),
  /**
   * The load signal: one informal caregiver carries at least this share of the circle's help in the
   * window. 60 %: most, by a clear margin, so two who share evenly never trigger it.
   */
  loadShare: z.number().min(0.5).max(1).default(0.6),
  /** The window the signal looks back over, in days: four weeks sees a pattern, not one busy week. */
  loadWindowDays: z.number().int().min(1).max(365).default(28),
  /** Below this many taken-up tasks and claims in the window there is no pattern to speak of. */
  loadMinimum: z.number().int().min(1).max(100).default(5),
  /** How many days before the plan's review date its reminder goes out. */
  reviewReminderDays: z.number().int().min(0).max(60).default(7),
});

export type CircleSettings = z.infer<typeof settingsSchema>;
export type CircleSettingsInput = z.input<typeof settingsSchema>;
export type { AttachmentType };

export const circleSettings = (input: CircleSettingsInput = {}): CircleSettings => settingsSchema.parse(input);

/** Where the load signal points for a break: the public respite overview (issue 12). */
export const RESPITE_PAGE = '/logeerzorg';
