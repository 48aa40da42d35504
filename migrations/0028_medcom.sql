-- Issue 13 item 9 and issue 17 item 4: Denmark. The client's CPR number, the organisations' addresses
-- in the national message network (SOR), message-gateway API keys, and the MedCom messages in and out.

-- DDMMYY-SSSS; the date is checked in the application (clients/cpr.ts), the format here as well.
ALTER TABLE client ADD COLUMN cpr text CHECK (cpr ~ '^\d{6}-\d{4}$');
CREATE UNIQUE INDEX client_cpr ON client (alliance_id, cpr) WHERE cpr IS NOT NULL;

-- The organisation's SOR id (Sundhedsvæsenets Organisationsregister): where MedCom messages are addressed.
ALTER TABLE organisation ADD COLUMN sor_code text CHECK (sor_code ~ '^\d{6,18}$');
CREATE UNIQUE INDEX organisation_sor_code ON organisation (sor_code) WHERE sor_code IS NOT NULL;

-- A key held by the organisation's gateway to the message network (VANS): it may deliver and collect
-- the organisation's messages, and act on its own clients' circle tasks and messages (platform/access).
ALTER TABLE api_key ADD COLUMN messaging boolean NOT NULL DEFAULT false;

-- Every message in and out, kept as received or sent (the Bundle), with the acknowledgement's code.
CREATE TABLE medcom_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- Ours: the receiver of an incoming message, the sender of an outgoing one (tenancy).
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- Null while the message names no client of ours (an unknown CPR number).
  client_id uuid REFERENCES client(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  kind text NOT NULL CHECK (kind IN ('hospital_notification', 'care_communication', 'acknowledgement', 'observations')),
  -- Bundle.id: what an acknowledgement answers (response.identifier) and what a duplicate repeats.
  header_id text NOT NULL,
  -- The HospitalNotification's Provenance activity (admit-inpatient, discharge-inpatient-home, ...).
  event text,
  peer_sor_code text,
  bundle jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('processed', 'rejected', 'queued', 'collected')),
  -- ok, transient-error, fatal-error: ours for an incoming message, the peer's for an outgoing one.
  ack_code text CHECK (ack_code IN ('ok', 'transient-error', 'fatal-error')),
  created_at timestamptz NOT NULL DEFAULT now(),
  collected_at timestamptz
);
-- A message delivered twice (MedCom's TEK_DUB) is recognised and acknowledged again, not applied again.
CREATE UNIQUE INDEX medcom_message_once ON medcom_message (organisation_id, direction, header_id);
CREATE INDEX medcom_message_client ON medcom_message (client_id, created_at) WHERE client_id IS NOT NULL;
CREATE INDEX medcom_message_outbox ON medcom_message (organisation_id, created_at) WHERE direction = 'out' AND status = 'queued';
