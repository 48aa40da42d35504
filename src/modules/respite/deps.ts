import type { PlatformDeps } from '../../platform/deps.js';

/** The mails respite sends; each has a subject and body under `respite.mail.<template>` in the locales. */
export type RespiteTemplate = 'request_received' | 'request_for_intake' | 'hold_offered' | 'stay_requested';

/**
 * How respite tells people something. Platform mail is being built beside this module; until it lands,
 * the app hands in this small interface (main logs the message, tests capture it).
 */
export type Notify = (to: string, template: RespiteTemplate, vars: Record<string, string>) => Promise<void>;

export interface RespiteOptions {
  notify: Notify;
  /** The clock, so tests can let a hold run out without waiting a day. */
  now: () => Date;
}

export type RespiteDeps = PlatformDeps & RespiteOptions;
