-- Issue 12: respite stays (logeerzorg). Locations and beds, bookings that can never overlap on one bed,
-- series, funding decisions, needs, the waiting list with timed holds, and the public request form.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The pilot's partners include an older people's organisation, a research bureau and a regional support body.
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN (
  'care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre',
  'older_persons_organisation', 'knowledge_institute', 'regional_support'));

-- A stay grant: staff of the care home a stay is requested or booked at may read the person's respite
-- needs until the stay ends (platform/access opens only the respite-needs level with it).
ALTER TABLE access_grant DROP CONSTRAINT access_grant_kind_check;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_kind_check CHECK (kind IN ('assignment', 'emergency', 'stay'));

-- Per alliance; the defaults are our choice, not a norm.
CREATE TABLE respite_settings (
  alliance_id uuid PRIMARY KEY REFERENCES alliance(id),
  min_lead_days integer NOT NULL DEFAULT 3 CHECK (min_lead_days BETWEEN 0 AND 90),
  hold_hours integer NOT NULL DEFAULT 24 CHECK (hold_hours BETWEEN 1 AND 168),
  crisis_phone text NOT NULL DEFAULT '0592 - 000 000'
);

CREATE TABLE respite_location (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  offer_type text NOT NULL CHECK (offer_type IN ('care_home', 'respite_house', 'host_family', 'at_home', 'day_care')),
  description text NOT NULL DEFAULT '',
  street text NOT NULL,
  city text NOT NULL,
  municipality text NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  features text[] NOT NULL DEFAULT '{}',
  capabilities text[] NOT NULL DEFAULT '{}',
  exclusions text[] NOT NULL DEFAULT '{}',
  funding_accepted text[] NOT NULL DEFAULT '{}',
  price_per_night_cents integer NOT NULL CHECK (price_per_night_cents >= 0),
  photos text[] NOT NULL DEFAULT '{}',
  accessibility text NOT NULL DEFAULT '',
  intro_visit_possible boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX respite_location_alliance ON respite_location (alliance_id, municipality);

CREATE TABLE respite_bed (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  location_id uuid NOT NULL REFERENCES respite_location(id),
  label text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (location_id, label)
);
CREATE INDEX respite_bed_location ON respite_bed (location_id) WHERE active;

-- A recurring stay: an RFC 5545 rule over check-in dates in the alliance's zone.
CREATE TABLE respite_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  location_id uuid NOT NULL REFERENCES respite_location(id),
  rrule text NOT NULL,
  nights integer NOT NULL CHECK (nights BETWEEN 1 AND 28),
  confirmation text NOT NULL CHECK (confirmation IN ('all_or_nothing', 'per_occurrence')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Everything that occupies a bed: stays (requested, booked, held for a waiting-list offer) and blocks.
-- The exclusion constraint makes double booking impossible whatever the application does.
CREATE TABLE respite_booking (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- The location's organisation (the care home); the client's own is the client's.
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  location_id uuid NOT NULL REFERENCES respite_location(id),
  bed_id uuid NOT NULL REFERENCES respite_bed(id),
  kind text NOT NULL CHECK (kind IN ('stay', 'block', 'maintenance')),
  client_id uuid REFERENCES client(id),
  series_id uuid REFERENCES respite_series(id),
  nights daterange NOT NULL CHECK (NOT isempty(nights) AND lower_inc(nights) AND NOT upper_inc(nights)),
  status text NOT NULL CHECK (status IN ('requested', 'booked', 'held', 'cancelled', 'no_show', 'expired', 'declined')),
  funding text CHECK (funding IN ('wmo', 'wlz', 'private')),
  waitlist_id uuid,
  hold_expires_at timestamptz,
  generated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'stay') = (client_id IS NOT NULL)),
  CHECK ((status = 'held') = (hold_expires_at IS NOT NULL)),
  CONSTRAINT respite_booking_no_overlap EXCLUDE USING gist (bed_id WITH =, nights WITH &&)
    WHERE (status IN ('requested', 'booked', 'held'))
);
CREATE INDEX respite_booking_client ON respite_booking (client_id, nights);
CREATE INDEX respite_booking_location ON respite_booking (location_id, nights);
CREATE INDEX respite_booking_hold ON respite_booking (hold_expires_at) WHERE status = 'held';
-- The availability search asks "which beds have anything in these nights" for a thousand beds at once:
-- an SP-GiST index on the nights (carrying the bed, for index-only scans) answers that far faster than
-- the constraint's (bed, nights) GiST.
CREATE INDEX respite_booking_active_nights ON respite_booking USING spgist (nights) INCLUDE (bed_id) WHERE status IN ('requested', 'booked', 'held');

CREATE TABLE respite_intro_visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  location_id uuid NOT NULL REFERENCES respite_location(id),
  client_id uuid NOT NULL REFERENCES client(id),
  visit_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The person's needs as the intake recorded them; owned by the client's organisation.
CREATE TABLE respite_needs (
  client_id uuid PRIMARY KEY REFERENCES client(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  needs jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Funding on file: a Wmo decision (nights per year), a Wlz indication, or private payment.
CREATE TABLE respite_funding (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  scheme text NOT NULL CHECK (scheme IN ('wmo', 'wlz', 'private')),
  nights_per_year integer CHECK (nights_per_year > 0),
  valid_from date NOT NULL,
  valid_until date,
  reference text NOT NULL DEFAULT '',
  CHECK ((scheme = 'wmo') = (nights_per_year IS NOT NULL)),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX respite_funding_client ON respite_funding (client_id);

-- Who waits for which location and period; offers go out in created order among the best matches.
CREATE TABLE respite_waitlist (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  client_id uuid NOT NULL REFERENCES client(id),
  location_id uuid NOT NULL REFERENCES respite_location(id),
  wanted daterange NOT NULL,
  contact_email text NOT NULL,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'placed', 'withdrawn')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX respite_waitlist_location ON respite_waitlist (location_id, created_at) WHERE status = 'waiting';
ALTER TABLE respite_booking ADD FOREIGN KEY (waitlist_id) REFERENCES respite_waitlist(id);

-- Where a public request goes: per municipality, the Wmo consultant or the welfare caregiver consultant.
CREATE TABLE respite_intake (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  municipality text NOT NULL,
  route text NOT NULL CHECK (route IN ('wmo', 'caregiver_support')),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  email text NOT NULL,
  phone text NOT NULL,
  PRIMARY KEY (alliance_id, municipality, route)
);

-- A request from the public form; read only by the intake organisation it was sent to.
CREATE TABLE respite_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  route text NOT NULL,
  municipality text NOT NULL,
  location_id uuid REFERENCES respite_location(id),
  wanted daterange NOT NULL,
  for_whom text NOT NULL,
  needs text NOT NULL,
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  contact_phone text,
  -- A keyed hash of the sender's address, for the rate limit only.
  source_hash text NOT NULL,
  generated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX respite_request_source ON respite_request (source_hash, created_at);
CREATE INDEX respite_request_intake ON respite_request (organisation_id, created_at);
