-- Issue 14, items 4, 5, 7 and 8: the municipality quick-scan, the demand side, personas and other
-- resources, and re-verification of initiatives.

-- The quick-scan: the call's three questions, scored 1 (not at all) to 5 (fully), per municipality ×
-- network and dated, so rounds compare over time. The network coordinator fills it in with the
-- municipality; `participants` says who took part. A municipality belongs to one network, so the pair
-- is the municipality row; the network is kept so a region that moves keeps its past rounds.
CREATE TABLE quick_scan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  network_id uuid NOT NULL REFERENCES organisation(id),
  municipality_id uuid NOT NULL REFERENCES network_municipality(id),
  held_on date NOT NULL,
  work_together smallint NOT NULL CHECK (work_together BETWEEN 1 AND 5),
  find_each_other smallint NOT NULL CHECK (find_each_other BETWEEN 1 AND 5),
  needs_aligned smallint NOT NULL CHECK (needs_aligned BETWEEN 1 AND 5),
  work_together_note text NOT NULL DEFAULT '',
  find_each_other_note text NOT NULL DEFAULT '',
  needs_aligned_note text NOT NULL DEFAULT '',
  participants text NOT NULL DEFAULT '',
  filled_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One round per municipality and network per day: a second save the same day is a mistake, not a round.
  UNIQUE (municipality_id, network_id, held_on)
);
CREATE INDEX quick_scan_network ON quick_scan (network_id, municipality_id, held_on DESC);

-- Resources to share: personas (structured, with provenance), films (embedded by URL) and documents.
CREATE TABLE network_resource (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- Who published it on the map: a network or a national support body.
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('persona', 'film', 'document')),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  url text,
  themes text[] NOT NULL DEFAULT '{}',
  -- A persona: { situation, needs[], helps[], quotes[] }; empty for films and documents.
  persona jsonb NOT NULL DEFAULT '{}',
  made_by text NOT NULL DEFAULT '',
  conversations integer CHECK (conversations IS NULL OR conversations >= 0),
  made_on date,
  licence text NOT NULL DEFAULT '',
  fictional boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'persona' OR url IS NOT NULL)
);
CREATE INDEX network_resource_themes ON network_resource USING gin (themes);

CREATE TABLE network_resource_initiative (
  resource_id uuid NOT NULL REFERENCES network_resource(id) ON DELETE CASCADE,
  initiative_id uuid NOT NULL REFERENCES initiative(id),
  PRIMARY KEY (resource_id, initiative_id)
);
CREATE INDEX network_resource_initiative_initiative ON network_resource_initiative (initiative_id);

-- The demand side: what people in the last phase need in a municipality, from professionals' signals,
-- interviews or a persona; matched against initiatives on theme and target group. Never about one
-- person: the text describes a need, not who has it.
CREATE TABLE local_need (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  network_id uuid NOT NULL REFERENCES organisation(id),
  municipality_id uuid NOT NULL REFERENCES network_municipality(id),
  description text NOT NULL,
  theme text NOT NULL,
  target_group text NOT NULL,
  source text NOT NULL CHECK (source IN ('signal', 'interview', 'persona')),
  persona_id uuid REFERENCES network_resource(id),
  noted_on date NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (source <> 'persona' OR persona_id IS NOT NULL)
);
CREATE INDEX local_need_municipality ON local_need (municipality_id, noted_on DESC);
CREATE INDEX local_need_network ON local_need (network_id);

-- Re-verification: the contact's one-click link (only its hash) and when the last reminder went out,
-- so each 12-month period reminds once whichever instance sweeps.
ALTER TABLE initiative ADD COLUMN verify_token_hash text UNIQUE;
ALTER TABLE initiative ADD COLUMN verify_reminded_at timestamptz;
CREATE INDEX initiative_verify_due ON initiative (last_verified_on) WHERE status = 'accepted';
