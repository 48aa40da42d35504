-- AES keys of DC-09 transmitters that encrypt (DC-09-2013 §5.5.1.7), one per alarm account.
-- key_enc is the hex key sealed with the platform's secret key: a copied database alone cannot forge alarms.
CREATE TABLE alarm_key (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- As the receiver sees it in the header: upper case.
  account text NOT NULL CHECK (account = upper(account) AND account ~ '^[0-9A-Z]{1,16}$'),
  key_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alliance_id, account)
);
