-- The closed-loop alert when an incident has no nurse on site by its urgency's deadline: the board is
-- alerted at the deadline and again this many minutes later. The default of 10 is our choice, not a norm.
ALTER TABLE alliance ADD COLUMN overdue_repeat_minutes integer NOT NULL DEFAULT 10 CHECK (overdue_repeat_minutes BETWEEN 1 AND 120);

-- Each alert is an event in the incident's history, stored once per round whichever instance's sweep
-- raises it: the sweeps on several instances may race, the index settles it.
CREATE UNIQUE INDEX incident_event_overdue_round ON incident_event (incident_id, (details->>'round')) WHERE type = 'overdue_alert';
