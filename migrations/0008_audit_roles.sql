-- Issue 8: the app runs as a role that owns nothing, and the audit log becomes a keyed, anchored chain.
--
-- Roles. The migrating role (the owner: DATABASE_OWNER_URL) owns every object. The application connects
-- as a login role that is a member of the group role samenzorg_app, which holds only the grants below.
-- samenzorg_app is cluster-wide: on an external PostgreSQL whose owner may not create roles, an
-- administrator creates it beforehand (see the README).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'samenzorg_app') THEN
    CREATE ROLE samenzorg_app NOLOGIN;
  END IF;
END $$;

-- The keyed chain lives beside the entries, insert-only, so the app never needs UPDATE on audit rows:
-- each entry carries a MAC made at insert time (nonce + HMAC under a key the database never sees), and
-- the background sealer links MAC-checked entries into their alliance's chain by inserting one seal each.
ALTER TABLE audit_log ADD COLUMN nonce text, ADD COLUMN mac text;
CREATE UNIQUE INDEX audit_log_mac ON audit_log (mac);
-- Unsealed now means "without a seal row"; the old partial index would cover every new entry for nothing.
DROP INDEX audit_log_unsealed;

CREATE TABLE audit_seal (
  audit_id bigint PRIMARY KEY REFERENCES audit_log (id),
  -- The alliance id as text, '' for entries outside any alliance.
  chain text NOT NULL,
  seq bigint NOT NULL,
  -- The entry's MAC as checked by the sealer (for entries from before this migration: a digest of the row).
  row_mac text NOT NULL UNIQUE,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (chain, seq)
);

-- Entries written before this migration have no MAC; the sealer accepts MAC-less entries only up to here.
CREATE TABLE audit_legacy_boundary (max_id bigint NOT NULL);
INSERT INTO audit_legacy_boundary SELECT coalesce(max(id), 0) FROM audit_log;

-- Sealing no longer updates entries (a seal is a row of its own), so no UPDATE is allowed at all any more.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Grants: data tables read and write; the audit tables insert and read only; the migration ledger nothing.
-- Owning nothing includes making nothing: before PostgreSQL 15 everyone may create in schema public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO samenzorg_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samenzorg_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samenzorg_app;
REVOKE ALL ON audit_log, audit_seal, audit_legacy_boundary, schema_migration FROM samenzorg_app;
GRANT SELECT, INSERT ON audit_log, audit_seal TO samenzorg_app;
GRANT SELECT ON audit_legacy_boundary TO samenzorg_app;
-- Tables and sequences of later migrations (made by this same owner) get the data grants too; a later
-- migration that adds an insert-only table revokes what it must not have.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samenzorg_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO samenzorg_app;
