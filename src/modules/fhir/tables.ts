/** Tables of the FHIR API's machine clients: registered clients, used assertion ids, issued tokens (migration 0022). */
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

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    fhir_machine_client: FhirMachineClientTable;
    fhir_assertion_jti: FhirAssertionJtiTable;
    fhir_access_token: FhirAccessTokenTable;
  }
}
