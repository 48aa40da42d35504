-- Issue 15, item 6: the organisation's audit view filtered by action (emergency access, reports) at ten
-- million entries. The (organisation_id, id) and (client_organisation_id, id) walks read the
-- organisation's entries newest first and test each one's action, so a rare action meant reading most of
-- the organisation's history before a page was full (p95 1.7 s in bench/results/audit.md). With the action
-- in the key each month's index hands over exactly the page, newest first; the cost is two more index
-- inserts per entry, measured in bench/results/audit.md. Made on the parent, so every month's partition,
-- present and future, gets them.
CREATE INDEX audit_log_org_action ON audit_log (organisation_id, action, id);
CREATE INDEX audit_log_client_org_action ON audit_log (client_organisation_id, action, id);
