-- A grant names the purpose it was given for, like agreements, consents and teams already do: a night-care
-- assignment then opens nothing asked for respite, and a respite stay nothing asked for night care, whatever
-- level a later change lets a grant kind open. Existing grants: stays were given for respite, the rest for
-- night care (assignments and break-the-glass are night care's).
ALTER TABLE access_grant ADD COLUMN purpose text;
UPDATE access_grant SET purpose = CASE kind WHEN 'stay' THEN 'respite' ELSE 'nightcare' END;
ALTER TABLE access_grant ALTER COLUMN purpose SET NOT NULL;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_purpose_check CHECK (purpose IN ('nightcare', 'respite', 'care_network', 'exchange'));
