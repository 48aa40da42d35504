-- Issue 14: resources are edited and withdrawn by whoever published them; a document may be an uploaded
-- file instead of a link; municipality staff read their own municipality's quick-scan and explain it.

-- A withdrawn resource leaves the public pages but stays for its publisher (and for needs that cite a persona).
ALTER TABLE network_resource ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE network_resource ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- A document is a link or an uploaded file (network_resource_file), so only a film must have its URL now.
ALTER TABLE network_resource DROP CONSTRAINT network_resource_check;
ALTER TABLE network_resource ADD CONSTRAINT network_resource_film_url CHECK (kind <> 'film' OR url IS NOT NULL);

-- An uploaded document: one file per resource, its type and size checked on the bytes before it lands.
CREATE TABLE network_resource_file (
  resource_id uuid PRIMARY KEY REFERENCES network_resource(id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content bytea NOT NULL
);

-- The municipality's own organisation on the platform, when it has one: its staff read the quick-scan
-- of their municipality. One organisation per municipality row and the other way round.
ALTER TABLE network_municipality ADD COLUMN organisation_id uuid UNIQUE REFERENCES organisation(id);

-- The municipality's own explanation of a round, beside the scores and notes the network coordinator
-- recorded with it; written by the municipality's staff, never by the network.
ALTER TABLE quick_scan ADD COLUMN municipality_note text NOT NULL DEFAULT '';
ALTER TABLE quick_scan ADD COLUMN municipality_note_by uuid REFERENCES app_user(id);
ALTER TABLE quick_scan ADD COLUMN municipality_note_at timestamptz;
