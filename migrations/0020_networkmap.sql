-- Issue 14: the network map. Palliative-care networks with their region of municipalities, local
-- initiatives with a public call, two-level moderation and a full history, searchable in Dutch.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Appended to 0019's list: the regional networks, the national support bodies (Agora, Fibula) and the
-- centres for spiritual care ('welfare' exists since 0001).
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN (
  'care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre',
  'older_persons_organisation', 'knowledge_institute', 'regional_support',
  'palliative_care_network', 'national_support_body', 'spiritual_care_centre'));

-- A network's region: each municipality belongs to one network. The point is the municipality's
-- centre: the map's offline base layer is drawn from these, not from an external tile server.
CREATE TABLE network_municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  network_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  province text NOT NULL DEFAULT '',
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  UNIQUE (network_id, name)
);
CREATE INDEX network_municipality_name ON network_municipality (name);

CREATE TABLE initiative (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- The region's network: its coordinator moderates first.
  network_id uuid NOT NULL REFERENCES organisation(id),
  municipality_id uuid NOT NULL REFERENCES network_municipality(id),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  place text NOT NULL DEFAULT '',
  -- [{ name, kind }]: the municipality × network pair at the core, plus welfare and care providers.
  partners jsonb NOT NULL DEFAULT '[]',
  partner_names text NOT NULL DEFAULT '',
  themes text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  stage text NOT NULL CHECK (stage IN ('idea', 'starting', 'running', 'stopped')),
  started_on date,
  contact_name text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  -- Personal contact details are published only with this consent; the e-mail is used for the links regardless.
  contact_publish boolean NOT NULL DEFAULT false,
  links text[] NOT NULL DEFAULT '{}',
  files text[] NOT NULL DEFAULT '{}',
  films text[] NOT NULL DEFAULT '{}',
  latitude double precision,
  longitude double precision,
  last_verified_on date,
  wants_support boolean NOT NULL DEFAULT false,
  support_status text NOT NULL DEFAULT 'none' CHECK (support_status IN ('none', 'asked', 'in_contact', 'supported', 'closed')),
  status text NOT NULL CHECK (status IN ('unconfirmed', 'submitted', 'changes_requested', 'national_review', 'accepted', 'rejected')),
  status_reason text NOT NULL DEFAULT '',
  fictional boolean NOT NULL DEFAULT false,
  source text NOT NULL CHECK (source IN ('public', 'import', 'staff', 'hsds')),
  -- Keyed hashes only: the submitter's address for the rate limit, the private links' tokens.
  source_hash text,
  confirm_token_hash text UNIQUE,
  edit_token_hash text UNIQUE,
  accepted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch', title), 'A') ||
    setweight(to_tsvector('dutch', summary), 'B') ||
    setweight(to_tsvector('dutch', partner_names || ' ' || place), 'C')
  ) STORED
);
CREATE INDEX initiative_search ON initiative USING gin (search) WHERE status = 'accepted';
CREATE INDEX initiative_title_trgm ON initiative USING gin (title gin_trgm_ops);
CREATE INDEX initiative_public ON initiative (municipality_id, accepted_at DESC) WHERE status = 'accepted';
CREATE INDEX initiative_accepted ON initiative (accepted_at DESC, id) WHERE status = 'accepted';
CREATE INDEX initiative_themes ON initiative USING gin (themes) WHERE status = 'accepted';
CREATE INDEX initiative_queue ON initiative (network_id, status);
CREATE INDEX initiative_source ON initiative (source_hash, created_at) WHERE source_hash IS NOT NULL;
CREATE INDEX initiative_point ON initiative (longitude, latitude) WHERE status = 'accepted';
CREATE INDEX initiative_unplaced ON initiative (municipality_id) WHERE status = 'accepted' AND longitude IS NULL;

-- Every change: who (submitter, staff member, import), what changed (before and after), and why.
CREATE TABLE initiative_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  initiative_id uuid NOT NULL REFERENCES initiative(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('submitter', 'user', 'import', 'system')),
  actor_user_id uuid REFERENCES app_user(id),
  action text NOT NULL,
  from_status text,
  to_status text,
  reason text NOT NULL DEFAULT '',
  changes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX initiative_event_initiative ON initiative_event (initiative_id, id);
