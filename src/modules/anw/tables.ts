/** Tables of the ANW exchange (migration 0027): organisation settings, accepted Tasks, written-back observations. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/index.js';

export interface AnwOrganisationSettingTable {
  organisation_id: string;
  did: string | null;
  source_base_url: string | null;
  write_back_handover: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type AnwTaskKind = 'authorization' | 'break_the_glass';

export interface AnwTaskTable {
  id: string;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  kind: AnwTaskKind;
  requester_organisation_id: string;
  practitioner_user_id: string;
  grant_id: string;
  task: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export type AnwObservationKind = 'nursing_report' | 'blood_pressure' | 'body_temperature' | 'body_height';

export interface AnwObservationTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  kind: AnwObservationKind;
  text: string | null;
  value: ColumnType<Record<string, number | string>, string, string>;
  effective_at: Date;
  written_by: string;
  written_by_organisation_id: string;
  grant_id: string;
  created_at: CreatedAt;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    anw_organisation_setting: AnwOrganisationSettingTable;
    anw_task: AnwTaskTable;
    anw_observation: AnwObservationTable;
  }
}
