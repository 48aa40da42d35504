-- Issue 12 item 7: a Wmo refusal's reason gets a column of its own. The staff form put it in the
-- decision's reference field (80 characters, meant for the decision's number); a reason needs room, and a
-- refusal has a number as much as a grant. 1000 characters is our choice: a few plain sentences.
ALTER TABLE respite_wmo_decision ADD COLUMN refusal_reason text CHECK (char_length(refusal_reason) BETWEEN 1 AND 1000);

-- What a refusal held in its reference was typed as its reason (the form labelled it so): it moves.
UPDATE respite_wmo_decision SET refusal_reason = reference, reference = '' WHERE NOT granted AND reference <> '';

-- A grant never has a refusal reason; every refusal from now on has one. NOT VALID leaves the refusals
-- recorded without any text before this migration as they are (nothing to move); new rows are checked.
ALTER TABLE respite_wmo_decision ADD CONSTRAINT respite_wmo_decision_refusal_reason CHECK (granted = (refusal_reason IS NULL)) NOT VALID;
