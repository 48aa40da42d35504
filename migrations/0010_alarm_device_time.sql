-- A webhook alarm carries the time the alarm centre says it happened. It is kept as reported, apart
-- from the receipt time, which is always the server's: a late or replayed alarm must not look old on
-- the board, and response times are measured from when we heard of it.
ALTER TABLE alarm ADD COLUMN occurred_at timestamptz;
ALTER TABLE incident ADD COLUMN occurred_at timestamptz;

-- SHA-256 of the request an Idempotency-Key was first used with: a retry must carry the same body, a
-- different body under the same key is refused (IETF draft-ietf-httpapi-idempotency-key-header, "Error Scenarios": 422).
-- NULL for alarms stored before it was kept, and for DC-09 and manual alarms.
ALTER TABLE alarm ADD COLUMN request_hash text;
