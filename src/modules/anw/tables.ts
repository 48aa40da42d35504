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

export interface AnwRemoteAccessTable {
  incident_id: string;
  alliance_id: string;
  client_id: string;
  source_organisation_id: string;
  nurse_user_id: string;
  remote_patient_id: string;
  task_url: string | null;
  status: 'requested' | 'ready' | 'failed' | 'closed';
  credential_id: string | null;
  last_error: string | null;
  summary: ColumnType<unknown, string | null, string | null>;
  summary_fetched_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface AnwWriteBackTable {
  incident_id: string;
  kind: 'nursing_report' | 'handover' | 'time';
  remote_url: string | null;
  minutes: number | null;
  sent_at: Generated<Date>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    anw_organisation_setting: AnwOrganisationSettingTable;
    anw_task: AnwTaskTable;
    anw_observation: AnwObservationTable;
    anw_remote_access: AnwRemoteAccessTable;
    anw_write_back: AnwWriteBackTable;
  }
}
