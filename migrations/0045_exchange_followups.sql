-- Issue 17 (A): the Regisseur for automatically dispatched incidents.
-- An accepted offer and a withdrawn one (declined, lapsed) are assignment events of their own: an automatic
-- offer goes round the nurses on duty and may lapse, so the client's own system is asked for access only
-- once a nurse has accepted it, and a withdrawn offer closes whatever was asked for it.
ALTER TABLE nightcare_assignment_event DROP CONSTRAINT nightcare_assignment_event_kind_check;
ALTER TABLE nightcare_assignment_event ADD CONSTRAINT nightcare_assignment_event_kind_check
  CHECK (kind IN ('nurse_assigned', 'offer_accepted', 'offer_withdrawn', 'assignment_closed'));
-- The queue hands out an incident's events one at a time, in order: it looks for an earlier unhandled one.
CREATE INDEX nightcare_assignment_event_incident_open ON nightcare_assignment_event (incident_id, id) WHERE handled_at IS NULL;

-- Access at a source for an offer withdrawn: kept for the record, never read through again.
ALTER TABLE anw_remote_access DROP CONSTRAINT anw_remote_access_status_check;
ALTER TABLE anw_remote_access ADD CONSTRAINT anw_remote_access_status_check CHECK (status IN ('requested', 'ready', 'failed', 'closed'));

-- Issue 17 (B): a MedCom message matched to a person by staff after it arrived unmatched. Its effects
-- (an admission pauses the circle's home tasks, a discharge resumes them and starts the pathway) are
-- applied at the match, once: `pending` when matched, then what came of it. Null: matched on receipt.
ALTER TABLE medcom_message ADD COLUMN late_effects text CHECK (late_effects IN ('pending', 'applied', 'superseded', 'none'));
