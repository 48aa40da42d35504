-- Issue 13: care circles. Recorded consent grows into the FHIR Consent shape (giver, grantee member or
-- organisation, scope, period, withdrawal); a citizen can be linked to a client as the person or their
-- legal representative; the circle, its members, the plan with its versions, tasks and pathways, and
-- one timeline per person.

-- Consent: the grantee is an organisation (optionally one staff member in it) or one citizen member of
-- the circle; the scopes of a circle are levels of platform/access; a consent may end by itself.
ALTER TABLE client_consent ALTER COLUMN grantee_organisation_id DROP NOT NULL;
ALTER TABLE client_consent ADD COLUMN grantee_citizen_id uuid REFERENCES citizen(id);
ALTER TABLE client_consent ADD CONSTRAINT client_consent_grantee CHECK ((grantee_organisation_id IS NULL) <> (grantee_citizen_id IS NULL) AND (grantee_user_id IS NULL OR grantee_organisation_id IS NOT NULL));
ALTER TABLE client_consent DROP CONSTRAINT client_consent_levels_check;
ALTER TABLE client_consent ADD CONSTRAINT client_consent_levels_check CHECK (cardinality(levels) > 0 AND levels <@ ARRAY[
  'identification', 'night_summary', 'record', 'circle_plan', 'circle_tasks', 'circle_messages', 'circle_contacts']::text[]);
-- Who gave it: the person themselves or their legal representative (given_by keeps the name).
ALTER TABLE client_consent ADD COLUMN giver_kind text NOT NULL DEFAULT 'person' CHECK (giver_kind IN ('person', 'representative'));
ALTER TABLE client_consent ADD COLUMN ends_at timestamptz;
ALTER TABLE client_consent ADD CONSTRAINT client_consent_period CHECK (ends_at IS NULL OR ends_at > given_at);
-- A consent the person (or representative) records themselves, signed in as a citizen, has no staff recorder.
ALTER TABLE client_consent ALTER COLUMN recorded_by DROP NOT NULL;
ALTER TABLE client_consent ADD COLUMN recorded_by_citizen_id uuid REFERENCES citizen(id);
ALTER TABLE client_consent ADD CONSTRAINT client_consent_recorder CHECK ((recorded_by IS NULL) <> (recorded_by_citizen_id IS NULL));
CREATE INDEX client_consent_citizen ON client_consent (grantee_citizen_id, client_id) WHERE withdrawn_at IS NULL;

-- A citizen who acts for a client: the person themselves or their legal representative. platform/access
-- reads it (the person decides about their own data); ending it ends that.
CREATE TABLE client_citizen_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  client_id uuid NOT NULL REFERENCES client(id),
  citizen_id uuid NOT NULL REFERENCES citizen(id),
  relation text NOT NULL CHECK (relation IN ('self', 'representative')),
  since timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE UNIQUE INDEX client_citizen_link_active ON client_citizen_link (client_id, citizen_id) WHERE ended_at IS NULL;
CREATE INDEX client_citizen_link_citizen ON client_citizen_link (citizen_id) WHERE ended_at IS NULL;

-- One circle per person, kept by the person's own care organisation (tenancy).
CREATE TABLE circle (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL UNIQUE REFERENCES client(id),
  -- Opened by the person or representative (citizen) or by a professional for a person who cannot.
  opened_by_name text NOT NULL,
  opened_by_user_id uuid REFERENCES app_user(id),
  -- Hospital admission pauses the circle's home tasks; discharge resumes them.
  paused_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE circle_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('family', 'neighbour', 'volunteer',
    'district_nurse', 'gp_practice', 'welfare_worker', 'municipal_consultant', 'hospital_contact', 'home_care')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Informal members are citizens; formal members are an organisation, optionally one of its staff.
  citizen_id uuid REFERENCES citizen(id),
  member_organisation_id uuid REFERENCES organisation(id),
  user_id uuid REFERENCES app_user(id),
  coordinator boolean NOT NULL DEFAULT false,
  invited_at timestamptz NOT NULL DEFAULT now(),
  joined_at timestamptz,
  removed_at timestamptz,
  CHECK ((citizen_id IS NULL) <> (member_organisation_id IS NULL)),
  CHECK ((kind IN ('family', 'neighbour', 'volunteer')) = (citizen_id IS NOT NULL))
);
CREATE UNIQUE INDEX circle_member_one_coordinator ON circle_member (circle_id) WHERE coordinator AND removed_at IS NULL;
CREATE UNIQUE INDEX circle_member_citizen ON circle_member (circle_id, citizen_id) WHERE removed_at IS NULL;
CREATE INDEX circle_member_citizen_lookup ON circle_member (citizen_id) WHERE removed_at IS NULL;
CREATE INDEX circle_member_org ON circle_member (member_organisation_id) WHERE removed_at IS NULL;

-- The plan in the person's own words; every change is a new version row (who changed what, when).
-- Last-phase wishes are not here: they are the night summary's `wishes`, one fact for both teams.
CREATE TABLE circle_plan_version (
  circle_id uuid NOT NULL REFERENCES circle(id),
  version integer NOT NULL CHECK (version > 0),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  what_matters text NOT NULL,
  goals jsonb NOT NULL,
  agreements jsonb NOT NULL,
  review_on date,
  changed_fields text[] NOT NULL,
  changed_by_name text NOT NULL,
  changed_by_kind text NOT NULL CHECK (changed_by_kind IN ('staff', 'citizen')),
  changed_by_id uuid NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (circle_id, version)
);

-- A started pathway (its template lives in code, circles/pathways/templates.ts); its steps are tasks.
CREATE TABLE circle_pathway (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  template text NOT NULL,
  started_at timestamptz NOT NULL,
  started_by_name text NOT NULL
);

CREATE TABLE circle_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  competence text,
  place text NOT NULL CHECK (place IN ('home', 'practice', 'clinic', 'hospital')),
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL CHECK (window_end > window_start),
  owner_organisation_id uuid REFERENCES organisation(id),
  owner_member_id uuid REFERENCES circle_member(id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'done', 'declined')),
  decline_reason text,
  requested_by_name text NOT NULL,
  accepted_by_name text,
  pathway_id uuid REFERENCES circle_pathway(id),
  pathway_step text,
  escalated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  done_at timestamptz,
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
CREATE INDEX circle_task_circle ON circle_task (circle_id, window_end);
-- The overdue sweep's work list: open tasks not yet escalated.
CREATE INDEX circle_task_overdue ON circle_task (window_end) WHERE status IN ('requested', 'accepted') AND escalated_at IS NULL;

-- One timeline per person across organisations: append-only facts of the circle.
CREATE TABLE circle_event (
  id bigserial PRIMARY KEY,
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  actor_name text NOT NULL,
  task_id uuid REFERENCES circle_task(id),
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX circle_event_circle ON circle_event (circle_id, id);
