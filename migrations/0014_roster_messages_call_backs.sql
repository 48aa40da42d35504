-- Nurses at a glance (staffing minimum, breaks), messages between coordinator and nurse per incident,
-- and per incident the callers to phone back and the call log.

-- Fewer nurses signed up for a night than this shows a staffing warning on the board. The default of 3 is
-- our own choice (no norm sets it: two cars cover the region, a third takes the second acute call);
-- each alliance sets its own.
ALTER TABLE alliance ADD COLUMN minimum_night_nurses integer NOT NULL DEFAULT 3 CHECK (minimum_night_nurses BETWEEN 0 AND 100);

-- Set by the nurse when a break starts, cleared when it ends; NULL while working.
ALTER TABLE nurse_duty ADD COLUMN break_since timestamptz;

-- Short texts between the night coordinators and the incident's nurse. A message from the coordinator is
-- read when the assigned nurse reads it; one from the nurse when any coordinator does.
CREATE TABLE incident_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incident(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  author_user_id uuid NOT NULL REFERENCES app_user(id),
  from_coordinator boolean NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500),
  sent_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  read_by uuid REFERENCES app_user(id)
);
CREATE INDEX incident_message_incident ON incident_message (incident_id, sent_at);

-- Callers the coordinator promised to phone back (family, GP post, alarm centre), with a due time.
CREATE TABLE call_back (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incident(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  party text NOT NULL CHECK (party IN ('family', 'gp_post', 'alarm_centre', 'other')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  phone text NOT NULL CHECK (char_length(phone) BETWEEN 1 AND 40),
  note text CHECK (char_length(note) <= 500),
  due_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES app_user(id)
);
CREATE INDEX call_back_open ON call_back (alliance_id, due_at) WHERE done_at IS NULL;
CREATE INDEX call_back_incident ON call_back (incident_id);

-- Every call about an incident, in or out; a call that settles a call-back names it.
CREATE TABLE call_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incident(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  party text NOT NULL CHECK (party IN ('family', 'gp_post', 'alarm_centre', 'other')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  note text CHECK (char_length(note) <= 500),
  call_back_id uuid REFERENCES call_back(id),
  at timestamptz NOT NULL,
  logged_by uuid NOT NULL REFERENCES app_user(id)
);
CREATE INDEX call_log_incident ON call_log (incident_id, at);
