-- Recurring planned night visits, from a care agreement with the client ("every night at 02:00").
-- The rule (RFC 5545 RRULE) picks the nights; the window is wall-clock time in the alliance's zone,
-- so a series keeps its local hour across a DST change. A series is expanded into planned visits
-- night by night when that night is planned.
CREATE TABLE planned_visit_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  -- The care agreement the series carries out (a reference or short description).
  care_agreement text NOT NULL,
  task text NOT NULL,
  rrule text NOT NULL,
  -- The first night (local date the shift starts on) and, once stopped, the last.
  first_night date NOT NULL,
  last_night date,
  window_start text NOT NULL CHECK (window_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  window_end text NOT NULL CHECK (window_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 240),
  required_skills text[] NOT NULL DEFAULT '{}',
  priority integer NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 5),
  -- The client's location when the series was made, as a single visit carries it for routing.
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  -- Nights whose occurrence was deleted by hand: planning the night again must not bring it back.
  skipped_nights date[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (last_night IS NULL OR last_night >= first_night)
);
CREATE INDEX planned_visit_series_alliance ON planned_visit_series (alliance_id, first_night);

ALTER TABLE planned_visit ADD COLUMN series_id uuid REFERENCES planned_visit_series(id);
-- One visit per series and night: planning a night twice expands it once.
CREATE UNIQUE INDEX planned_visit_series_night ON planned_visit (series_id, night) WHERE series_id IS NOT NULL;
