-- Issue 13 items 5, 6, 7 and the leftovers: messages with attachments in a circle, requests and offers
-- of help claimed by members, the neighbourhood partnership with its public progress page, and the
-- plan's review reminders.

-- Who took up a task, as a member: the load signal counts per member, not per name.
ALTER TABLE circle_task ADD COLUMN accepted_by_member_id uuid REFERENCES circle_member(id);

-- Messages: threaded (a reply names its thread's first message), per circle and optionally about one
-- task or referral. Only members with the `circle_messages` scope read them (platform/access).
CREATE TABLE circle_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  thread_id uuid REFERENCES circle_message(id),
  task_id uuid REFERENCES circle_task(id),
  sender_name text NOT NULL,
  sender_kind text NOT NULL CHECK (sender_kind IN ('staff', 'citizen')),
  sender_id uuid NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  sent_at timestamptz NOT NULL DEFAULT now(),
  -- A reply belongs to its thread's task; only a thread's first message names one.
  CHECK (thread_id IS NULL OR task_id IS NULL)
);
CREATE INDEX circle_message_circle ON circle_message (circle_id, sent_at);

-- Attachments live in the database, beside their message: one transaction with the message and its
-- audit entry, one backup, one access road, and every instance reads the same bytes without a shared disk.
CREATE TABLE circle_message_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL REFERENCES circle_message(id),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content bytea NOT NULL
);
CREATE INDEX circle_message_attachment_message ON circle_message_attachment (message_id);

-- Reciprocity: a request for help or an offer of it, by the person, a member or a professional on the
-- person's behalf; claimed by one other member. The claim is one conditional UPDATE: two claims, one wins.
CREATE TABLE circle_help (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  circle_id uuid NOT NULL REFERENCES circle(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  direction text NOT NULL CHECK (direction IN ('request', 'offer')),
  kind text NOT NULL CHECK (kind IN ('shopping', 'lift', 'visit', 'chores', 'company', 'other')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  wanted_on date,
  posted_by_name text NOT NULL,
  posted_by_role text NOT NULL CHECK (posted_by_role IN ('person', 'member', 'professional')),
  posted_by_member_id uuid REFERENCES circle_member(id),
  posted_by_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'done', 'withdrawn')),
  claimed_by_name text,
  claimed_by_member_id uuid REFERENCES circle_member(id),
  claimed_by_id uuid,
  claimed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('claimed', 'done')) = (claimed_by_id IS NOT NULL))
);
CREATE INDEX circle_help_circle ON circle_help (circle_id, created_at);

-- Review-date reminders: the sweep marks the version it reminded about, once, on any number of instances.
ALTER TABLE circle_plan_version ADD COLUMN review_reminded_at timestamptz;
CREATE INDEX circle_plan_review_due ON circle_plan_version (review_on) WHERE review_on IS NOT NULL AND review_reminded_at IS NULL;

-- Organisation kinds for the neighbourhood partnership (item 6); older people's organisations, knowledge
-- institutes and palliative-care networks exist since 0019 and 0020.
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN (
  'care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre',
  'older_persons_organisation', 'knowledge_institute', 'regional_support',
  'palliative_care_network', 'national_support_body', 'spiritual_care_centre',
  'region', 'housing'));

-- The neighbourhood partnership: partners, their shared ambitions, each partner's commitments with
-- progress. Public by design (residents read it): no client data lives here.
CREATE TABLE neighbourhood (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  municipality text NOT NULL,
  -- The 4-digit postcode areas it covers.
  postcodes text[] NOT NULL DEFAULT '{}',
  intro text NOT NULL DEFAULT '',
  fictional boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE neighbourhood_partner (
  neighbourhood_id uuid NOT NULL REFERENCES neighbourhood(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  joined_on date NOT NULL DEFAULT current_date,
  PRIMARY KEY (neighbourhood_id, organisation_id)
);

CREATE TABLE neighbourhood_ambition (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  neighbourhood_id uuid NOT NULL REFERENCES neighbourhood(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX neighbourhood_ambition_of ON neighbourhood_ambition (neighbourhood_id, position);

CREATE TABLE neighbourhood_commitment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ambition_id uuid NOT NULL REFERENCES neighbourhood_ambition(id),
  neighbourhood_id uuid NOT NULL REFERENCES neighbourhood(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  due_on date,
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_note text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (neighbourhood_id, organisation_id) REFERENCES neighbourhood_partner (neighbourhood_id, organisation_id)
);
CREATE INDEX neighbourhood_commitment_of ON neighbourhood_commitment (ambition_id);
