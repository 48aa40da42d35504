-- The platform's limiter (src/platform/rate): at most N takes per source in a window, counted in the
-- database so that every server instance sees the same count. A row holds a keyed hash of the source
-- (HMAC under a key derived from SECRET_KEY, which the database never sees), when its window ends and how
-- many takes it counted; nothing else: no address, no plain hash of one, no time of a single take.
CREATE TABLE rate_window (
  purpose text NOT NULL,
  key_hash bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  taken integer NOT NULL CHECK (taken > 0),
  PRIMARY KEY (purpose, key_hash)
);
-- The prune after each new window looks for lapsed windows of its purpose.
CREATE INDEX rate_window_lapsed ON rate_window (purpose, expires_at);

-- The network map's call limit moves here. Its key stays the same HMAC (purpose 'networkmap-call-source'),
-- so the calls of the last hour per source become open windows and the limit holds across the upgrade;
-- after that the initiative no longer needs to keep where it came from.
INSERT INTO rate_window (purpose, key_hash, expires_at, taken)
SELECT 'networkmap-call-source', decode(source_hash, 'hex'), min(created_at) + interval '1 hour', count(*)
FROM initiative
WHERE source_hash ~ '^[0-9a-f]{64}$' AND created_at > now() - interval '1 hour'
GROUP BY source_hash;
DROP INDEX initiative_source;
ALTER TABLE initiative DROP COLUMN source_hash;
