-- The night-care alliance's management settings: response norms per urgency with their source, the
-- staffing minimum, and the cost agreement the partners settle by.

-- Minutes from alarm to nurse on site per urgency, each with where the norm comes from. The defaults are
-- the product's own choice (the NTS only says "U2 within 1 hour"); an alliance replaces them by its own.
ALTER TABLE alliance ADD COLUMN IF NOT EXISTS response_norms jsonb NOT NULL DEFAULT '{
  "U1": {"minutes": 15, "source": "product_choice"},
  "U2": {"minutes": 30, "source": "product_choice"},
  "U3": {"minutes": 60, "source": "product_choice"},
  "U4": {"minutes": 120, "source": "product_choice"},
  "U5": {"minutes": null, "source": "product_choice"}
}'::jsonb CHECK (jsonb_typeof(response_norms) = 'object');

-- The KPI "nights under minimum" reads alliance.minimum_night_nurses, added with the roster in 0014.

-- The rates and the standby key of the partners' agreement. Money in euro cents, rates per hour.
CREATE TABLE nightcare_cost_agreement (
  alliance_id uuid PRIMARY KEY REFERENCES alliance(id),
  -- Where the figures were agreed, e.g. "Samenwerkingsovereenkomst 2026, bijlage 2".
  agreement_reference text NOT NULL DEFAULT '',
  standby_cents_per_nurse_hour integer NOT NULL CHECK (standby_cents_per_nurse_hour BETWEEN 0 AND 100000),
  on_site_cents_per_hour integer NOT NULL CHECK (on_site_cents_per_hour BETWEEN 0 AND 100000),
  travel_cents_per_hour integer NOT NULL CHECK (travel_cents_per_hour BETWEEN 0 AND 100000),
  standby_key text NOT NULL CHECK (standby_key IN ('eligible_clients', 'fixed_shares', 'mix')),
  -- For 'mix': the part (0–100 %) divided by eligible clients; the rest by the fixed shares.
  eligible_clients_percent integer NOT NULL DEFAULT 100 CHECK (eligible_clients_percent BETWEEN 0 AND 100),
  -- Organisation id → share in basis points (10000 = 100 %), summing to 10000 when used.
  fixed_shares jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fixed_shares) = 'object'),
  updated_by uuid REFERENCES app_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
