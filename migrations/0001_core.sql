-- Core: alliance, organisations, staff, clients, access grants, audit log.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE alliance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  region text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Europe/Amsterdam',
  -- 'objection': clients are informed by letter and may object; 'explicit_consent': no sharing without recorded consent.
  consent_model text NOT NULL DEFAULT 'objection' CHECK (consent_model IN ('objection', 'explicit_consent')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre')),
  city text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alliance_membership (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alliance_id, organisation_id)
);

CREATE TABLE data_sharing_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
  starts_on date NOT NULL,
  ends_on date,
  signed_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (alliance_id, organisation_id) REFERENCES alliance_membership(alliance_id, organisation_id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  preferred_language text NOT NULL DEFAULT 'nl',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE staff_role (
  user_id uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  role text NOT NULL CHECK (role IN ('alliance_admin', 'organisation_admin', 'coordinator', 'nurse', 'network_coordinator')),
  PRIMARY KEY (user_id, organisation_id, role)
);

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  name text NOT NULL,
  purpose text NOT NULL DEFAULT 'nightcare'
);

CREATE TABLE team_member (
  team_id uuid NOT NULL REFERENCES team(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  second_factor_done boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_key (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NOT NULL,
  street text NOT NULL,
  house_number text NOT NULL,
  postcode text NOT NULL,
  city text NOT NULL,
  municipality text NOT NULL,
  latitude double precision,
  longitude double precision,
  phone text,
  district_nursing boolean NOT NULL DEFAULT false,
  personal_alarm boolean NOT NULL DEFAULT false,
  alarm_account text,
  alarm_device text,
  key_safe_code_enc text,
  key_safe_location text,
  gp_name text,
  gp_phone text,
  gp_post_id uuid REFERENCES organisation(id),
  night_summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  letter_sent_at timestamptz,
  objected_at timestamptz,
  objection_note text,
  consent_given_at timestamptz,
  consent_withdrawn_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_org ON client (organisation_id, family_name);
CREATE INDEX client_alliance_name ON client (alliance_id, lower(family_name));
CREATE INDEX client_postcode ON client (alliance_id, postcode);
CREATE INDEX client_birth ON client (alliance_id, date_of_birth);
CREATE UNIQUE INDEX client_alarm_account ON client (alliance_id, alarm_account) WHERE alarm_account IS NOT NULL;

CREATE TABLE client_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
  alliance_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  name text NOT NULL,
  relation text NOT NULL,
  phone text NOT NULL,
  informal_caregiver boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX client_contact_client ON client_contact (client_id);

-- Targeted access for staff of another organisation: an assignment (incident, planned visit) or break-the-glass.
CREATE TABLE access_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  client_id uuid NOT NULL REFERENCES client(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('assignment', 'emergency')),
  reference text,
  reason text,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  review_status text CHECK (review_status IN ('pending', 'justified', 'unjustified')),
  reviewed_by uuid REFERENCES app_user(id),
  reviewed_at timestamptz,
  review_note text,
  CHECK ((kind = 'emergency') = (review_status IS NOT NULL))
);
CREATE INDEX access_grant_active ON access_grant (user_id, client_id) WHERE revoked_at IS NULL;
CREATE INDEX access_grant_reference ON access_grant (reference) WHERE revoked_at IS NULL;
CREATE INDEX access_grant_review ON access_grant (alliance_id, review_status) WHERE kind = 'emergency';

-- NEN 7513 audit log: append-only (trigger below) and hash-chained per alliance. Entries are written
-- in the transaction of the access they record, without a lock; a sealer then links them into the chain
-- (seq, prev_hash, hash) within about a second, so concurrent reads never queue on the chain head.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  alliance_id uuid,
  user_id uuid,
  user_name text,
  organisation_id uuid,
  role text,
  client_id uuid,
  client_organisation_id uuid,
  action text NOT NULL,
  resource text NOT NULL,
  fields text[] NOT NULL DEFAULT '{}',
  purpose text,
  reason text,
  grant_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused')),
  seq bigint UNIQUE,
  prev_hash text,
  hash text,
  CHECK ((seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE hash IS NULL;
CREATE INDEX audit_log_chain ON audit_log (alliance_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX audit_log_client ON audit_log (client_id, id);
CREATE INDEX audit_log_org ON audit_log (organisation_id, id);
CREATE INDEX audit_log_client_org ON audit_log (client_organisation_id, id);

-- The only change ever allowed: sealing an unsealed entry, touching nothing but its chain columns.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
REVOKE DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- Information letters sent per client (one row per sending, batch or single).
CREATE TABLE information_letter (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  client_id uuid NOT NULL REFERENCES client(id),
  batch_id uuid,
  generated_by uuid NOT NULL REFERENCES app_user(id),
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX information_letter_client ON information_letter (client_id);
