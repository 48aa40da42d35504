-- The nurse's phone: an honest visit report, push subscriptions, idempotent actions from an offline queue,
-- referrals made by phone, and the night plan's visits worked on the phone.

-- Minutes on site are computed from the incident's timestamps; a different figure is a correction with a reason.
ALTER TABLE visit_report
  ADD COLUMN minutes_computed integer CHECK (minutes_computed >= 0),
  ADD COLUMN minutes_correction_reason text;

-- One Web Push subscription per user and device; the push service's endpoint is replaced when the browser renews it.
CREATE TABLE push_subscription (
  user_id uuid NOT NULL REFERENCES app_user(id),
  device_id text NOT NULL,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_id)
);

-- The installation's VAPID key pair, made once on first use; the private key sealed with SECRET_KEY.
CREATE TABLE push_vapid_key (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  public_key text NOT NULL,
  private_key_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Actions a phone queued while offline carry an idempotency key: a retry after a lost answer is applied once.
CREATE TABLE action_receipt (
  user_id uuid NOT NULL REFERENCES app_user(id),
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, idempotency_key)
);

-- A referral the nurse or coordinator made by phone, with the post's answer recorded by them.
ALTER TABLE gp_referral ADD COLUMN by_phone boolean NOT NULL DEFAULT false;

-- A planned visit is worked on the phone like an incident: on the way, on site, done.
ALTER TABLE planned_visit
  ADD COLUMN status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'en_route', 'on_site', 'done')),
  ADD COLUMN on_site_at timestamptz,
  ADD COLUMN done_at timestamptz,
  ADD COLUMN unplanned_reason text;
