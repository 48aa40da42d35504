-- Night route planning: planned night visits (turning, toileting, medication at set times) and solver runs.
CREATE TABLE planned_visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  -- The local date the night shift starts on.
  night date NOT NULL,
  task text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 240),
  required_skills text[] NOT NULL DEFAULT '{}',
  priority integer NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 5),
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  assigned_user_id uuid REFERENCES app_user(id),
  sequence integer,
  planned_start timestamptz,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (window_end >= window_start)
);
CREATE INDEX planned_visit_night ON planned_visit (alliance_id, night);

CREATE TABLE planning_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  night date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  time_limit_ms integer NOT NULL,
  elapsed_ms integer NOT NULL DEFAULT 0,
  iterations integer NOT NULL DEFAULT 0,
  travel_minutes double precision,
  unassigned integer,
  started_by uuid NOT NULL REFERENCES app_user(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
