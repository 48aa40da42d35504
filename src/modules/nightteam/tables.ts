/** Tables of the night team: who is on duty, where, with which skills. */
import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/index.js';

export interface NurseDutyTable {
  id: Generated<string>;
  alliance_id: string;
  user_id: string;
  organisation_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  skills: string[];
  latitude: number | null;
  longitude: number | null;
  position_at: Timestamp | null;
  break_since: Timestamp | null;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    nurse_duty: NurseDutyTable;
  }
}
