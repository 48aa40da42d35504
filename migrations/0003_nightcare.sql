-- Acute night care: alarms, incidents and their history, nurses on duty, visit reports, GP referrals, handovers.

ALTER TABLE alliance ADD COLUMN night_shift_start time NOT NULL DEFAULT '23:00';
ALTER TABLE alliance ADD COLUMN night_shift_end time NOT NULL DEFAULT '07:00';
-- Urgencies dispatched without the coordinator's click, e.g. {U1,U2}; empty: always confirm by hand.
ALTER TABLE alliance ADD COLUMN auto_dispatch_urgencies text[] NOT NULL DEFAULT '{}';
ALTER TABLE alliance ADD COLUMN offer_timeout_minutes integer NOT NULL DEFAULT 3 CHECK (offer_timeout_minutes BETWEEN 1 AND 60);

-- GP posts cover postcode ranges (the 4-digit part).
CREATE TABLE gp_post_area (
  gp_post_id uuid NOT NULL REFERENCES organisation(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  postcode_from integer NOT NULL,
  postcode_to integer NOT NULL,
  CHECK (postcode_from <= postcode_to),
  PRIMARY KEY (gp_post_id, postcode_from)
);

CREATE TABLE nurse_duty (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  latitude double precision,
  longitude double precision,
  position_at timestamptz,
  CHECK (ends_at > starts_at)
);
CREATE INDEX nurse_duty_active ON nurse_duty (alliance_id, starts_at, ends_at);
CREATE UNIQUE INDEX nurse_duty_user_start ON nurse_duty (user_id, starts_at);

CREATE TABLE incident (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- NULL while the alarm is not linked to a client (unidentified alarm).
  client_id uuid REFERENCES client(id),
  organisation_id uuid REFERENCES organisation(id),
  status text NOT NULL CHECK (status IN ('received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed', 'escalated', 'cancelled')),
  reason text NOT NULL,
  urgency text CHECK (urgency IN ('U1', 'U2', 'U3', 'U4', 'U5')),
  triage_note text,
  -- Where care is needed: copied from the client's address when the alarm is linked, for dispatch and the map.
  latitude double precision,
  longitude double precision,
  assigned_user_id uuid REFERENCES app_user(id),
  assigned_organisation_id uuid REFERENCES organisation(id),
  offer_expires_at timestamptz,
  declined_user_ids uuid[] NOT NULL DEFAULT '{}',
  outcome text,
  received_at timestamptz NOT NULL,
  on_site_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX incident_open ON incident (alliance_id, status) WHERE closed_at IS NULL;
CREATE INDEX incident_org_time ON incident (organisation_id, received_at);
CREATE INDEX incident_assignee ON incident (assigned_user_id) WHERE closed_at IS NULL;
CREATE INDEX incident_offer_expiry ON incident (offer_expires_at) WHERE status = 'assigned';

CREATE TABLE alarm (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  source text NOT NULL CHECK (source IN ('dc09', 'webhook', 'manual')),
  -- dc09: account:sequence:message-time; webhook: alarm-centre organisation + Idempotency-Key. Retries land on it.
  dedup_key text NOT NULL,
  account text,
  reason text NOT NULL,
  qualifier text NOT NULL DEFAULT 'new',
  event_code text,
  queue text NOT NULL CHECK (queue IN ('night', 'technical')),
  client_id uuid REFERENCES client(id),
  incident_id uuid REFERENCES incident(id),
  raw text,
  received_at timestamptz NOT NULL DEFAULT now(),
  handled_at timestamptz
);
CREATE UNIQUE INDEX alarm_dedup ON alarm (alliance_id, source, dedup_key);
CREATE INDEX alarm_technical ON alarm (alliance_id, received_at) WHERE queue = 'technical' AND handled_at IS NULL;

CREATE TABLE incident_event (
  id bigserial PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incident(id),
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  from_status text,
  to_status text,
  actor_user_id uuid REFERENCES app_user(id),
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, id);

CREATE TABLE visit_report (
  incident_id uuid PRIMARY KEY REFERENCES incident(id),
  actions text[] NOT NULL,
  minutes_on_site integer NOT NULL CHECK (minutes_on_site BETWEEN 0 AND 600),
  follow_up_needed boolean NOT NULL,
  follow_up text,
  notes text,
  written_by uuid NOT NULL REFERENCES app_user(id),
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gp_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incident(id),
  gp_post_id uuid NOT NULL REFERENCES organisation(id),
  reason text NOT NULL,
  urgency text NOT NULL,
  summary text NOT NULL,
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'answered')),
  answer text,
  outcome text CHECK (outcome IN ('advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action')),
  sent_by uuid NOT NULL REFERENCES app_user(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  answered_by uuid REFERENCES app_user(id),
  answered_at timestamptz
);
CREATE INDEX gp_referral_post ON gp_referral (gp_post_id, sent_at DESC);

CREATE TABLE handover (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  shift_start timestamptz NOT NULL,
  shift_end timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_by uuid REFERENCES app_user(id),
  acknowledged_at timestamptz,
  reminder_at timestamptz,
  UNIQUE (organisation_id, shift_start)
);
