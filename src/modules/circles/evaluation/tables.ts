import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../../platform/access/index.js';

/** Evaluation (migration 0031): the person's rating, the alliance's settings, a done task's minutes. The roll-ups of 0037 are read with plain SQL (store.ts). */

export interface CircleExperienceTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  rating: number;
  given_by_kind: 'person' | 'representative';
  given_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface EvaluationSettingsTable {
  alliance_id: string;
  min_group: Generated<number>;
  reader_roles: ColumnType<Role[], Role[] | undefined, Role[]>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    circle_experience: CircleExperienceTable;
    evaluation_settings: EvaluationSettingsTable;
  }
}

// The minutes are a column of the circles' task table; the evaluation is the only one that writes them.
declare module '../tables.js' {
  interface CircleTaskTable {
    effort_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  }
}
