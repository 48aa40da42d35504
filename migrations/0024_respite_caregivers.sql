-- Issue 12, the rest of respite: the caregiver's own requests and stays, the care home's access that follows
-- the stay, reminders before and feedback after a stay.

-- A public request belongs to the citizen account of the address it was sent from; only someone who can
-- open that mailbox signs in to it. The intake closes a request with an outcome (the unmet-need reasons).
ALTER TABLE respite_request ADD COLUMN citizen_id uuid REFERENCES citizen(id);
ALTER TABLE respite_request ADD COLUMN status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'proposed', 'closed'));
ALTER TABLE respite_request ADD COLUMN outcome text CHECK (outcome IN ('booked', 'no_room', 'no_fit', 'no_funding', 'declined'));
CREATE INDEX respite_request_citizen ON respite_request (citizen_id) WHERE citizen_id IS NOT NULL;

-- A stay or series proposed in answer to a request: the caregiver sees it and confirms or cancels it.
ALTER TABLE respite_series ADD COLUMN request_id uuid REFERENCES respite_request(id);
ALTER TABLE respite_booking ADD COLUMN request_id uuid REFERENCES respite_request(id);
ALTER TABLE respite_booking ADD COLUMN caregiver_confirmed_at timestamptz;
ALTER TABLE respite_booking ADD COLUMN reminder_sent_at timestamptz;
ALTER TABLE respite_booking ADD COLUMN feedback_asked_at timestamptz;
CREATE INDEX respite_booking_request ON respite_booking (request_id) WHERE request_id IS NOT NULL;

-- A stay grant goes to the care home's organisation, not to the staff who happened to be there at
-- booking time: whoever works there when the person arrives reads the needs. Only a stay grant may be
-- organisation-wide; assignments and emergencies stay personal.
ALTER TABLE access_grant ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_personal CHECK (user_id IS NOT NULL OR kind = 'stay');
CREATE INDEX access_grant_organisation_stay ON access_grant (organisation_id, client_id) WHERE kind = 'stay' AND revoked_at IS NULL;

-- Feedback after a stay, from the caregiver and (through the caregiver) the person who stayed.
CREATE TABLE respite_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- The location's organisation: the feedback is about its care.
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  booking_id uuid NOT NULL REFERENCES respite_booking(id),
  respondent text NOT NULL CHECK (respondent IN ('caregiver', 'person')),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (booking_id, respondent)
);
