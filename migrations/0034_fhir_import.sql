-- Issue 17 item 5: an organisation loads its clients from its own system's FHIR R4 endpoint instead of
-- a CSV file, on a schedule. One source per organisation; its secret (a bearer token or an OAuth2
-- client secret) is sealed with SECRET_KEY and never returned by the API.
CREATE TABLE fhir_import_source (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  -- The alliance the clients belong to: the acting alliance of the administrator who set it up.
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  base_url text NOT NULL,
  -- The identifier system of the organisation's own client numbers: what a Patient is matched on.
  client_number_system text NOT NULL,
  auth_kind text NOT NULL CHECK (auth_kind IN ('none', 'bearer', 'client_credentials')),
  token_url text,
  oauth_client_id text,
  secret_enc text,
  CHECK (auth_kind <> 'client_credentials' OR (token_url IS NOT NULL AND oauth_client_id IS NOT NULL)),
  district_nursing boolean NOT NULL DEFAULT true,
  interval_minutes integer NOT NULL DEFAULT 60 CHECK (interval_minutes BETWEEN 5 AND 1440),
  enabled boolean NOT NULL DEFAULT true,
  -- The sync acts as this administrator: its changes are audited under their name and roles.
  acting_user_id uuid NOT NULL REFERENCES app_user(id),
  next_run_at timestamptz NOT NULL DEFAULT now(),
  -- A lease: while set and in the future, one instance is running this source's sync.
  running_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fhir_import_source_due ON fhir_import_source (next_run_at) WHERE enabled;

-- What each sync did: counts, and every refused resource or failure (no client data beyond the
-- source's own resource references and client numbers).
CREATE TABLE fhir_import_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  ended integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX fhir_import_run_org ON fhir_import_run (organisation_id, started_at DESC);
