-- Machine clients of the FHIR API (SMART Backend Services): an organisation's administrator registers a
-- partner system with its public keys (JWKS) and the scopes it may ask for; the system then trades a
-- signed JWT assertion for an access token of minutes.
CREATE TABLE fhir_machine_client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  jwks jsonb NOT NULL,
  -- The most it may ask for, e.g. {system/Patient.read,system/Flag.read}.
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX fhir_machine_client_org ON fhir_machine_client (organisation_id);

-- SMART Backend Services: an assertion's jti is accepted once; the row may go once the assertion has expired.
CREATE TABLE fhir_assertion_jti (
  client_id uuid NOT NULL REFERENCES fhir_machine_client(id),
  jti text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);

-- Issued tokens (only a SHA-256 of each). A token acting for a nurse is bound to one assignment grant:
-- it opens that client only while the grant holds, whatever the token's own expiry.
CREATE TABLE fhir_access_token (
  token_hash text PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES fhir_machine_client(id),
  scopes text[] NOT NULL,
  grant_id uuid REFERENCES access_grant(id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fhir_access_token_expiry ON fhir_access_token (expires_at);
