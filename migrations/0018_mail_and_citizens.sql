-- Platform mail and citizen sign-in (issue 12 item 5; reused by care circles and the network map's
-- public call).

-- Every mail the platform sends, with the alliance it belongs to, so the alliance administrator can see
-- what went out. With SMTP configured the recorded copy has its sign-in links blanked (the administrator
-- must not be able to sign in as the citizen); without SMTP this is the only delivery (the demo outbox).
CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  recipient text NOT NULL,
  template text NOT NULL,
  language text NOT NULL CHECK (language IN ('nl', 'en', 'da')),
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text NOT NULL,
  transport text NOT NULL CHECK (transport IN ('smtp', 'outbox')),
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'stored')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_alliance ON outbox (alliance_id, created_at DESC);

-- Clients and informal caregivers who sign in for themselves: not staff, no password. The e-mail is
-- stored lower-cased and is unique over the platform; alliance_id is the alliance the account was made
-- for, whose outbox holds its mail and whose audit chain holds its sign-ins.
CREATE TABLE citizen (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en', 'da')),
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A sign-in link: only the SHA-256 of its token is kept; single use, short-lived. Wrong TOTP codes
-- against one link are counted so a stolen link cannot be used to guess the code.
CREATE TABLE citizen_sign_in_link (
  token_hash text PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  totp_failures integer NOT NULL DEFAULT 0
);
CREATE INDEX citizen_sign_in_link_citizen ON citizen_sign_in_link (citizen_id);

CREATE TABLE citizen_session (
  token_hash text PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX citizen_session_citizen ON citizen_session (citizen_id);

-- Sign-in link requests, per address as typed (known or not) and per client address, counted over
-- the last hour; shared by every instance behind the load balancer.
CREATE TABLE citizen_sign_in_request (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_sign_in_request_key ON citizen_sign_in_request (key, at);
