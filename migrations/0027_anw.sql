-- The Nuts ANW night-care roles on an STU3 façade (module anw). Our own data is mapped, not copied; these
-- tables hold only what the exchange itself adds.

-- Per organisation: its Nuts DID (how ANW Tasks name it), and for an organisation whose records live in an
-- ANW-capable system elsewhere, that system's FHIR base URL and whether the morning handover goes back too.
CREATE TABLE anw_organisation_setting (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  did text UNIQUE CHECK (did IS NULL OR did LIKE 'did:%'),
  source_base_url text CHECK (source_base_url IS NULL OR source_base_url ~ '^https?://'),
  write_back_handover boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Authorization requests (ANW-autorisatie-verzoek) and break-the-glass requests (BTG-autorisatie-verzoek)
-- we accepted as Bronhouder, each with the access grant it made; the Task is kept as received, so a read
-- answers it back with its status and output.
CREATE TABLE anw_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  kind text NOT NULL CHECK (kind IN ('authorization', 'break_the_glass')),
  requester_organisation_id uuid NOT NULL REFERENCES organisation(id),
  practitioner_user_id uuid NOT NULL REFERENCES app_user(id),
  grant_id uuid NOT NULL REFERENCES access_grant(id),
  task jsonb NOT NULL CHECK (jsonb_typeof(task) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anw_task_requester ON anw_task (requester_organisation_id, created_at);

-- Nursing reports and measurements another organisation's nurse wrote back on one of our clients under an
-- ANW grant (the guide's POST Observation). They belong to the client's record like any other entry.
CREATE TABLE anw_observation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  kind text NOT NULL CHECK (kind IN ('nursing_report', 'blood_pressure', 'body_temperature', 'body_height')),
  text text CHECK (text IS NULL OR length(text) <= 8000),
  -- The measured values, e.g. {"systolic": 130, "diastolic": 85} or {"value": 37.2, "unit": "Cel"}.
  value jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(value) = 'object'),
  effective_at timestamptz NOT NULL,
  written_by uuid NOT NULL REFERENCES app_user(id),
  written_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
  grant_id uuid NOT NULL REFERENCES access_grant(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anw_observation_client ON anw_observation (client_id, kind, effective_at DESC);

-- As Regisseur and Zorgverlener: the access an incident's nurse was given at the client's own ANW source
-- (the Task we sent there), and the night summary read through from it for that assignment alone. The
-- cached summary is dropped when the incident closes; nothing here outlives the assignment's purpose.
CREATE TABLE anw_remote_access (
  incident_id uuid PRIMARY KEY REFERENCES incident(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  client_id uuid NOT NULL REFERENCES client(id),
  source_organisation_id uuid NOT NULL REFERENCES organisation(id),
  nurse_user_id uuid NOT NULL REFERENCES app_user(id),
  remote_patient_id text NOT NULL,
  task_url text,
  status text NOT NULL CHECK (status IN ('requested', 'ready', 'failed')),
  credential_id text,
  last_error text,
  summary jsonb,
  summary_fetched_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What we wrote back to the source for an incident (visit report, handover, time), once each.
CREATE TABLE anw_write_back (
  incident_id uuid NOT NULL REFERENCES incident(id),
  kind text NOT NULL CHECK (kind IN ('nursing_report', 'handover', 'time')),
  remote_url text,
  minutes integer,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, kind)
);
