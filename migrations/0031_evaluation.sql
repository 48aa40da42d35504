-- Issue 13 item 8: evaluation built in. The person's own rating of how the care feels, the time a
-- professional spent on a done task, the alliance's evaluation settings, and the indexes the dashboard
-- reads by (bench/results/pathways.md).

-- Their experience: a short rating (1 = bad … 5 = very good) the person or their representative gives;
-- every rating is kept, the evaluation reads each person's newest in the period.
CREATE TABLE circle_experience (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  given_by_kind text NOT NULL CHECK (given_by_kind IN ('person', 'representative')),
  given_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX circle_experience_alliance ON circle_experience (alliance_id, given_at) INCLUDE (client_id, organisation_id, rating);

-- Professional hours: the minutes a done task took, recorded optionally by whoever finished it.
ALTER TABLE circle_task ADD COLUMN effort_minutes integer CHECK (effort_minutes IS NULL OR (effort_minutes BETWEEN 1 AND 1440 AND status = 'done'));

-- Per alliance; without a row the defaults hold. Groups of fewer persons than min_group are suppressed
-- (our choice: 10, the threshold Dutch statistics commonly use for small cells). The roles that see
-- the figures are the alliance's choice; aggregates only, never a person.
CREATE TABLE evaluation_settings (
  alliance_id uuid PRIMARY KEY REFERENCES alliance(id),
  min_group integer NOT NULL DEFAULT 10 CHECK (min_group BETWEEN 2 AND 1000),
  reader_roles text[] NOT NULL DEFAULT ARRAY['alliance_admin', 'organisation_admin', 'coordinator']::text[]
    CHECK (reader_roles <@ ARRAY['alliance_admin', 'organisation_admin', 'coordinator', 'nurse', 'network_coordinator']::text[])
);

-- The computed evaluation per alliance, scope (the whole alliance or one organisation), period and
-- threshold: a materialised result, refreshed when a reader asks for it after it has grown older than
-- the freshness the service allows (bench/results/pathways.md: computing it over 1,000,000 tasks takes
-- seconds on a busy machine). Aggregates only, like everything the evaluation returns.
CREATE TABLE evaluation_snapshot (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope text NOT NULL,
  from_date date NOT NULL,
  to_date date NOT NULL,
  min_group integer NOT NULL,
  computed_at timestamptz NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (alliance_id, scope, from_date, to_date, min_group)
);

-- The dashboard reads done tasks of one alliance in a period; everything it needs is in the index, so
-- the scan does not visit the table (an index-only scan once vacuumed).
CREATE INDEX circle_task_evaluation ON circle_task (alliance_id, done_at)
  INCLUDE (organisation_id, client_id, owner_member_id, owner_organisation_id, effort_minutes, pathway_step, window_start, window_end)
  WHERE status = 'done';
CREATE INDEX circle_plan_version_alliance ON circle_plan_version (alliance_id, circle_id, version DESC);
CREATE INDEX circle_alliance ON circle (alliance_id, created_at) INCLUDE (organisation_id, client_id);
