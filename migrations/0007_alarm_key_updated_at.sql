-- When an account's key was last set: a replaced key keeps its created_at, and administrators need to
-- see that a key was rotated.
ALTER TABLE alarm_key ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE alarm_key SET updated_at = created_at;
