-- Help shared with the neighbourhood (issue 13 item 5). The person (or a professional on their
-- behalf) chooses to show a request or offer to the neighbourhood partnership of their postcode area;
-- only what they chose is shown there: a first name or nothing, the area, the kind, the day and part
-- of the day, the title only if they say so. Never an address, a key-safe code or health data.
ALTER TABLE circle_help ADD COLUMN neighbourhood_id uuid REFERENCES neighbourhood(id);
ALTER TABLE circle_help ADD COLUMN shared_at timestamptz;
-- The name shown, as chosen when sharing: the person's first name, or NULL for "a neighbour".
ALTER TABLE circle_help ADD COLUMN shared_name text CHECK (length(shared_name) BETWEEN 1 AND 100);
ALTER TABLE circle_help ADD COLUMN shared_postcode_area text CHECK (shared_postcode_area ~ '^[1-9][0-9]{3}$');
ALTER TABLE circle_help ADD COLUMN shared_title boolean NOT NULL DEFAULT false;
ALTER TABLE circle_help ADD COLUMN part_of_day text CHECK (part_of_day IN ('morning', 'afternoon', 'evening'));
ALTER TABLE circle_help ADD CONSTRAINT circle_help_shared_whole
  CHECK ((neighbourhood_id IS NULL) = (shared_at IS NULL) AND (neighbourhood_id IS NULL) = (shared_postcode_area IS NULL));
CREATE INDEX circle_help_neighbourhood ON circle_help (neighbourhood_id, created_at) WHERE neighbourhood_id IS NOT NULL AND status = 'open';

-- Volunteers of a neighbourhood: citizens the alliance administrator registers, who see its shared help.
CREATE TABLE neighbourhood_volunteer (
  neighbourhood_id uuid NOT NULL REFERENCES neighbourhood(id),
  citizen_id uuid NOT NULL REFERENCES citizen(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (neighbourhood_id, citizen_id)
);

-- A neighbour's offer to take up shared help: it opens nothing until the person or the coordinator
-- accepts it; then the neighbour becomes a member with the tasks scope only, by a recorded consent.
CREATE TABLE circle_help_claim (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  help_id uuid NOT NULL REFERENCES circle_help(id),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  citizen_id uuid NOT NULL REFERENCES citizen(id),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by_name text,
  UNIQUE (help_id, citizen_id)
);
-- One accepted claim per help: two acceptances at once cannot both win.
CREATE UNIQUE INDEX circle_help_claim_one_accepted ON circle_help_claim (help_id) WHERE status = 'accepted';
CREATE INDEX circle_help_claim_circle ON circle_help_claim (circle_id, status);
