/** Why an alarm came in, in the platform's terms; triage works on these. */
export type AlarmReason =
  | 'personal_emergency'
  | 'fall'
  | 'fire_smoke'
  | 'inactivity'
  | 'low_battery'
  | 'test'
  | 'technical'
  | 'other';

/** 'new': an alarm or trouble opens (Contact ID qualifier 1/E); 'restore': it ends (3/R); 'status': still present (6). */
export type EventQualifier = 'new' | 'restore' | 'status';

export interface AlarmEvent {
  readonly scheme: 'contact-id' | 'sia';
  /** The device's own code: '101' (Contact ID) or 'MA' (SIA). */
  readonly code: string;
  readonly qualifier: EventQualifier;
  readonly reason: AlarmReason;
  /** Zone, point or user number as sent. */
  readonly zone?: string;
  /** Contact ID group/partition, SIA area ('ri'). */
  readonly partition?: string;
  /** Free text some transmitters add (SIA '^...^' or '|A...'). */
  readonly text?: string;
}

/** Per-device or per-vendor corrections: code → reason. */
export type ReasonOverrides = Readonly<Record<string, AlarmReason>>;
