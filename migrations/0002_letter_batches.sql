-- Batches of information letters: generated in the background with progress, kept for download.
CREATE TABLE letter_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  created_by uuid NOT NULL REFERENCES app_user(id),
  total integer NOT NULL,
  done integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  mark_sent boolean NOT NULL,
  pdf bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX letter_batch_org ON letter_batch (organisation_id, created_at DESC);
