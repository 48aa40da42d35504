/** Supervision of alarm sources: last-seen times, test intervals and the silence alarms (migration 0011). */
import type { CreatedAt, Timestamp } from '../../../../platform/db/index.js';

export interface SupervisedSourceTable {
  alliance_id: string;
  kind: 'dc09' | 'webhook';
  /** The DC-09 account (upper case) or the alarm centre's organisation id. */
  source: string;
  last_seen_at: Timestamp | null;
  test_interval_minutes: number | null;
  due_at: Timestamp;
  silent_alarm_id: string | null;
  silent_since: Timestamp | null;
  created_at: CreatedAt;
}

export interface IntakeSilenceTable {
  alliance_id: string;
  quiet_since: Timestamp;
  raised_at: Timestamp;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../../../platform/db/schema.js' {
  interface Database {
    supervised_source: SupervisedSourceTable;
    intake_silence: IntakeSilenceTable;
  }
}
