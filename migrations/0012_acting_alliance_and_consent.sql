-- The alliance a session acts in, chosen like its organisation. NULL: the organisation's only alliance,
-- or none chosen yet when it is in several (platform/access/context.ts chooseActingAlliance).
ALTER TABLE user_session ADD COLUMN alliance_id uuid REFERENCES alliance(id);

-- Recorded consent (DESIGN.md §6): the third basis beside own organisation and assignment. A client (or
-- their representative) consents that one organisation, or one member of its staff, may see their data
-- for one sharing purpose at the listed levels, until withdrawn. Rows are never deleted: a withdrawal
-- sets withdrawn_at, so the record shows who could see what when.
CREATE TABLE client_consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  client_id uuid NOT NULL REFERENCES client(id),
  grantee_organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- NULL: every member of the organisation's staff whose role opens the level; else this one person.
  grantee_user_id uuid REFERENCES app_user(id),
  purpose text NOT NULL CHECK (purpose IN ('nightcare', 'respite', 'care_network', 'exchange')),
  levels text[] NOT NULL CHECK (cardinality(levels) > 0 AND levels <@ ARRAY['identification', 'night_summary', 'record']::text[]),
  -- Who gave it: the client, or their representative by name.
  given_by text NOT NULL CHECK (length(given_by) BETWEEN 1 AND 200),
  given_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);
CREATE INDEX client_consent_client ON client_consent (client_id) WHERE withdrawn_at IS NULL;
