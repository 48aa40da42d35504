/** Tables of the FHIR API's machine clients: registered clients, used assertion ids, issued tokens (migration 0022); import sources and their runs (0034). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/index.js';

export interface FhirMachineClientTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  jwks: ColumnType<unknown, string, string>;
  scopes: string[];
  created_by: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface FhirAssertionJtiTable {
  client_id: string;
  jti: string;
  expires_at: Date;
}

export interface FhirAccessTokenTable {
  token_hash: string;
  client_id: string;
  scopes: string[];
  grant_id: string | null;
  expires_at: Date;
  created_at: CreatedAt;
}

/** An organisation's own FHIR endpoint its clients are loaded from (migration 0034). */
export interface FhirImportSourceTable {
  organisation_id: string;
  alliance_id: string;
  base_url: string;
  client_number_system: string;
  auth_kind: 'none' | 'bearer' | 'client_credentials';
  token_url: string | null;
  oauth_client_id: string | null;
  secret_enc: string | null;
  district_nursing: boolean;
  interval_minutes: number;
  enabled: boolean;
  acting_user_id: string;
  next_run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  running_until: Date | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FhirImportRunTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  started_at: Date;
  finished_at: ColumnType<Date, Date | string | undefined, never>;
  status: 'ok' | 'partial' | 'failed';
  created: number;
  updated: number;
  ended: number;
  unchanged: number;
  errors: ColumnType<unknown, string, never>;
}

/** The hosts an alliance's organisations may import clients from (migration 0041). */
export interface FhirImportAllowedHostTable {
  alliance_id: string;
  host: string;
  added_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    fhir_machine_client: FhirMachineClientTable;
    fhir_assertion_jti: FhirAssertionJtiTable;
    fhir_access_token: FhirAccessTokenTable;
    fhir_import_source: FhirImportSourceTable;
    fhir_import_run: FhirImportRunTable;
    fhir_import_allowed_host: FhirImportAllowedHostTable;
  }
}
