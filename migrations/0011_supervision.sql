-- Supervision of alarm sources (EN 50136-1): when each DC-09 account and each alarm centre last sent
-- anything, how often it is expected to, and the "device silent" alarm while it stays quiet.
CREATE TABLE supervised_source (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- dc09: a transmitter's account as in the frame header (upper case); webhook: the alarm centre's organisation id.
  kind text NOT NULL CHECK (kind IN ('dc09', 'webhook')),
  source text NOT NULL,
  -- NULL while an account an administrator registered has not spoken yet; its silence counts from created_at.
  last_seen_at timestamptz,
  -- NULL: the default of its device type (supervision/intervals.ts).
  test_interval_minutes integer CHECK (test_interval_minutes BETWEEN 1 AND 44640),
  -- When the source counts as silent: twice its interval after it last spoke. Kept by every write, so the
  -- sweep finds the overdue few through an index instead of scanning every device.
  due_at timestamptz NOT NULL,
  -- The open "device silent" alarm and the last-seen time it was raised for; cleared once the source speaks.
  silent_alarm_id uuid REFERENCES alarm(id),
  silent_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alliance_id, kind, source)
);
CREATE INDEX supervised_source_due ON supervised_source (due_at) WHERE silent_alarm_id IS NULL;
CREATE INDEX supervised_source_silent ON supervised_source (alliance_id) WHERE silent_alarm_id IS NOT NULL;

-- Minutes without any frame or webhook, during the night shift, before the board shows an intake-silence
-- alarm. The default of 60 is our choice, not a norm.
ALTER TABLE alliance ADD COLUMN intake_silence_minutes integer NOT NULL DEFAULT 60 CHECK (intake_silence_minutes BETWEEN 5 AND 720);

-- The alliance's intake-silence alarm while it stands.
CREATE TABLE intake_silence (
  alliance_id uuid PRIMARY KEY REFERENCES alliance(id),
  -- Since when nothing arrived: the last frame or webhook, or the shift start when that was earlier.
  quiet_since timestamptz NOT NULL,
  raised_at timestamptz NOT NULL
);

-- "Device silent" alarms are raised by the supervision sweep, not received from outside.
ALTER TABLE alarm DROP CONSTRAINT alarm_source_check;
ALTER TABLE alarm ADD CONSTRAINT alarm_source_check CHECK (source IN ('dc09', 'webhook', 'manual', 'supervision'));
