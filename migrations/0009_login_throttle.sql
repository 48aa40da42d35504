-- Failed logins are throttled per account and per source address with growing delays instead of a
-- lock-out (issue 8). The state lives here so that every instance behind the load balancer shares it.
-- Keys are 'account:<e-mail as typed>' and 'source:<address>'; unknown e-mails get rows exactly like
-- known ones, so the answers cannot tell them apart. Rows are pruned after an hour without failures.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);

-- The lock-out it replaces.
ALTER TABLE app_user DROP COLUMN failed_logins, DROP COLUMN locked_until;

-- The TOTP time step of the last accepted code: a code is accepted once, and never one older than the
-- last (RFC 6238 section 5.2).
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;
