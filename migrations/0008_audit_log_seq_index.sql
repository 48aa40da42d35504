-- The sealer asks for the highest sealed seq every second; without an index that is a scan of the
-- whole (ever growing) log. Partial, so an INSERT of a new, unsealed entry does not maintain it.
CREATE INDEX audit_log_seq ON audit_log (seq) WHERE seq IS NOT NULL;
