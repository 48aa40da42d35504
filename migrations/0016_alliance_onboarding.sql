-- The alliance as announced (issue 11): eligibility, a record kept current, onboarding, the letter.

-- The organisation's own client number: what a CSV import matches an existing client on.
ALTER TABLE client ADD COLUMN client_number text;
CREATE UNIQUE INDEX client_number_per_organisation ON client (organisation_id, client_number) WHERE client_number IS NOT NULL;
-- Care no longer delivered (an import that ends care, or by hand): kept for history and audit, shared with nobody.
ALTER TABLE client ADD COLUMN care_ended_on date;

-- Planned night visits are off by default: the announced night team is for acute, unplanned care.
ALTER TABLE alliance ADD COLUMN planned_visits_enabled boolean NOT NULL DEFAULT false;

-- An invitation for a new organisation's first administrator: the token is kept only as a hash, used once.
CREATE TABLE staff_invitation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  email text NOT NULL,
  name text NOT NULL,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_user_id uuid REFERENCES app_user(id)
);
CREATE INDEX staff_invitation_organisation ON staff_invitation (organisation_id);
