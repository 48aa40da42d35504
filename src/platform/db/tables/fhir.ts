import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './column-types.js';

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
