-- Issue 15, item 6: the audit log partitioned by month, so it stays fast at tens of millions of entries
-- (a query for a period reads only its months, each month's indexes stay small) and old months can be
-- detached to an archive without deleting anything.
--
-- The existing table is converted with its rows. Its ids, nonces and MACs are copied unchanged, so every
-- seal in audit_seal still points at its entry and the keyed chains verify as before.

-- A seal points at an entry by id; a foreign key to a partitioned table would need the month in the key,
-- and an archived entry leaves the live table while its seal stays (the chain runs on through it).
ALTER TABLE audit_seal DROP CONSTRAINT audit_seal_audit_id_fkey;

ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
CREATE TABLE audit_log (LIKE audit_log_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

-- One month's partition, its bounds in UTC, named after the parent and month unless a name is given (a
-- restore recreates archived months under their own names). Revokes the data grants the default
-- privileges give every new table: the app reaches entries through audit_log only.
CREATE FUNCTION audit_create_partition(parent regclass, month date, partition_name text DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  name text := coalesce(partition_name, format('%s_%s', parent::text, to_char(month, 'YYYY_MM')));
  low timestamptz := (month::timestamp AT TIME ZONE 'UTC');
  high timestamptz := ((month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
BEGIN
  IF to_regclass(name) IS NOT NULL THEN RETURN false; END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', name, parent, low, high);
  EXECUTE format('REVOKE ALL ON %I FROM samenzorg_app', name);
  -- Row triggers are cloned onto partitions; a statement trigger against TRUNCATE is not.
  EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()', name);
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION audit_create_partition(regclass, date, text) FROM PUBLIC;

SELECT audit_create_partition('audit_log', m::date)
FROM generate_series(
  date_trunc('month', coalesce((SELECT min(at) FROM audit_log_unpartitioned), now()) AT TIME ZONE 'UTC'),
  date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
  interval '1 month') AS m;

-- The partitions ahead, made by every instance's maintenance job. The app's role owns nothing and may
-- not create tables, so this runs with the owner's rights, does only this, and takes a lock so that
-- instances starting together do not race. Returns how many partitions it made.
CREATE FUNCTION audit_ensure_partitions(months_ahead integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  made integer := 0;
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
  PERFORM pg_advisory_xact_lock(7515);
  FOR i IN 0..least(greatest(months_ahead, 1), 24) LOOP
    IF audit_create_partition('audit_log', (this_month + make_interval(months => i))::date) THEN made := made + 1; END IF;
  END LOOP;
  RETURN made;
END $$;
REVOKE ALL ON FUNCTION audit_ensure_partitions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_ensure_partitions(integer) TO samenzorg_app;

INSERT INTO audit_log SELECT * FROM audit_log_unpartitioned;
DROP TABLE audit_log_unpartitioned;

-- A unique key on a partitioned table includes the partition key. The MAC covers `at`, so a copy of a
-- genuine entry has the same `at` and (mac, at) refuses it exactly as (mac) did.
ALTER TABLE audit_log ADD PRIMARY KEY (id, at);
CREATE UNIQUE INDEX audit_log_mac ON audit_log (mac, at);
-- "Who looked at my data": one client's entries in id order.
CREATE INDEX audit_log_client ON audit_log (client_id, id);
-- The organisation's view: its staff's entries, and entries about its clients, newest first.
CREATE INDEX audit_log_org ON audit_log (organisation_id, id);
CREATE INDEX audit_log_client_org ON audit_log (client_organisation_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
REVOKE ALL ON audit_log FROM PUBLIC, samenzorg_app;
GRANT SELECT, INSERT ON audit_log TO samenzorg_app;

-- Months detached from the live log (`npm run audit:archive`) are attached here: out of every query of
-- the app's screens, still in the database for verification and for an export to cheaper storage.
CREATE TABLE audit_log_archive (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at);
ALTER TABLE audit_log_archive ALTER COLUMN id DROP DEFAULT;
ALTER TABLE audit_log_archive ADD PRIMARY KEY (id, at);
CREATE TRIGGER audit_log_archive_no_update BEFORE UPDATE OR DELETE ON audit_log_archive
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
REVOKE ALL ON audit_log_archive FROM PUBLIC, samenzorg_app;
GRANT SELECT ON audit_log_archive TO samenzorg_app;

-- What was archived, when, and how many entries: verify counts the archived entries it finds against it.
CREATE TABLE audit_archive_ledger (
  partition_name text PRIMARY KEY,
  range_from timestamptz NOT NULL,
  range_to timestamptz NOT NULL,
  entries bigint NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON audit_archive_ledger FROM PUBLIC, samenzorg_app;
GRANT SELECT ON audit_archive_ledger TO samenzorg_app;
