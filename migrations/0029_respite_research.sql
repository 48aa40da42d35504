-- Issue 12 items 11-14: the pilot's questionnaires, the municipality's analytics, the partners' roles,
-- and the suggestion from night care.

-- Analytics show no figure that rests on fewer than this many people (stays, requests, answers): an
-- alliance setting; 5 is our choice, in line with the usual small-cell rule of statistics offices.
ALTER TABLE respite_settings ADD COLUMN min_group_size integer NOT NULL DEFAULT 5 CHECK (min_group_size BETWEEN 2 AND 100);

-- A questionnaire answer from the public page. Anonymous: no client, no citizen, no address; only the
-- municipality the answers are counted in. The caregiver's strain items are the 13 of the Caregiver
-- Strain Index (Robinson 1983); the score is their number of yes answers.
CREATE TABLE respite_questionnaire (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  municipality text NOT NULL,
  respondent text NOT NULL CHECK (respondent IN ('older_person', 'caregiver', 'professional')),
  strain_items boolean[],
  strain_score smallint CHECK (strain_score BETWEEN 0 AND 13),
  used_respite boolean NOT NULL,
  non_use_reasons text[] NOT NULL DEFAULT '{}',
  wishes text[] NOT NULL DEFAULT '{}',
  free_text text NOT NULL DEFAULT '',
  -- Themes a person confirmed for the free text (keyword suggestions are only offered, never stored).
  themes text[] NOT NULL DEFAULT '{}',
  coded_by uuid REFERENCES app_user(id),
  coded_at timestamptz,
  -- A keyed hash of the sender's address, for the rate limit only.
  source_hash text NOT NULL,
  generated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((respondent = 'caregiver') = (strain_items IS NOT NULL)),
  CHECK (strain_items IS NULL OR cardinality(strain_items) = 13),
  CHECK ((strain_items IS NULL) = (strain_score IS NULL))
);
CREATE INDEX respite_questionnaire_alliance ON respite_questionnaire (alliance_id, municipality);
CREATE INDEX respite_questionnaire_source ON respite_questionnaire (source_hash, created_at);

-- A GP or practice nurse refers an overburdened caregiver: the referral is an intake request that names
-- who referred it.
ALTER TABLE respite_request ADD COLUMN referred_by_organisation_id uuid REFERENCES organisation(id);
ALTER TABLE respite_request ADD COLUMN strain_score smallint CHECK (strain_score BETWEEN 0 AND 13);

-- The municipality's Wmo decision on a request it took in: granted (with nights per year and validity)
-- or refused.
CREATE TABLE respite_wmo_decision (
  request_id uuid PRIMARY KEY REFERENCES respite_request(id),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  granted boolean NOT NULL,
  nights_per_year integer CHECK (nights_per_year BETWEEN 1 AND 365),
  valid_from date,
  valid_until date,
  reference text NOT NULL DEFAULT '',
  decided_by uuid NOT NULL REFERENCES app_user(id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  CHECK (granted = (nights_per_year IS NOT NULL AND valid_from IS NOT NULL)),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);

-- Night care: the nurse may close a visit noting that the caregiver cannot cope; with repeated alarms
-- for one client (the alliance's threshold within a week; 3 is our choice) the morning handover
-- suggests respite to the home organisation.
ALTER TABLE visit_report ADD COLUMN caregiver_cannot_cope boolean NOT NULL DEFAULT false;
ALTER TABLE alliance ADD COLUMN respite_alarm_threshold integer NOT NULL DEFAULT 3 CHECK (respite_alarm_threshold BETWEEN 2 AND 50);
