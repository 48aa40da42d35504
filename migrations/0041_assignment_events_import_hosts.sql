-- Issue 17, exchange gaps.
-- (A) Night care's assignment events: a nurse assigned to an incident, an assignment closed. Written in
-- the same transaction as the move, so an event exists exactly when the move committed; subscribers
-- (the ANW Regisseur) take them as a work queue, FOR UPDATE SKIP LOCKED with a lease, so several server
-- instances handle each event once and a crash mid-way hands it to the next sweep.
CREATE TABLE nightcare_assignment_event (
  id bigserial PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  incident_id uuid NOT NULL REFERENCES incident(id),
  kind text NOT NULL CHECK (kind IN ('nurse_assigned', 'assignment_closed')),
  nurse_user_id uuid REFERENCES app_user(id),
  -- The client's own organisation: a subscriber can tell whether the event concerns it without reading the client.
  client_organisation_id uuid REFERENCES organisation(id),
  -- Who made the move (the coordinator), and for which organisation; null for automatic dispatch and sweeps.
  actor_user_id uuid REFERENCES app_user(id),
  actor_organisation_id uuid REFERENCES organisation(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  -- The lease: a claimed event is not due again before this; an unfinished one comes back after it.
  due_at timestamptz NOT NULL DEFAULT now(),
  handled_at timestamptz,
  last_error text
);
CREATE INDEX nightcare_assignment_event_due ON nightcare_assignment_event (due_at, id) WHERE handled_at IS NULL;

-- (D) The hosts an alliance's organisations may point the FHIR client import at (alliance administrators
-- keep the list). Private, loopback and link-local addresses stay refused after DNS resolution, listed
-- or not, unless the server allows them (FHIR_IMPORT_ALLOW_PRIVATE, for tests and closed networks).
CREATE TABLE fhir_import_allowed_host (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  host text NOT NULL CHECK (host = lower(host) AND length(host) BETWEEN 1 AND 253),
  added_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alliance_id, host)
);
