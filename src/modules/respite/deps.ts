import type { PlatformDeps } from '../../platform/deps.js';

/** The mails respite sends (texts under `mail.respite*` in the server locales, see platform/mail). */
export type RespiteTemplate = 'request_received' | 'request_for_intake' | 'hold_offered' | 'stay_reminder' | 'feedback_asked';

/**
 * How respite tells people something: by default platform mail (SMTP, or the outbox the alliance
 * administrator sees); tests hand in a function that captures the message.
 */
export type Notify = (to: string, template: RespiteTemplate, vars: Record<string, string>, allianceId: string, linkPath?: string) => Promise<void>;

export interface RespiteOptions {
  notify: Notify;
  /** The clock, so tests can let a hold run out without waiting a day. */
  now: () => Date;
}

export type RespiteDeps = PlatformDeps & RespiteOptions;
