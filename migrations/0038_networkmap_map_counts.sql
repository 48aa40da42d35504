-- Issue 14: the map's sums (per municipality zoomed out, per grid cell at region zoom) read counts kept
-- here instead of counting every accepted initiative in the box (p95 50-65 ms over 100,000 initiatives,
-- bench/results/map.md). One row per zoom-12 grid cell (about 1.2 by 0.8 km in Drenthe) × municipality × network × stage × theme ×
-- target group; theme '' and target group '' hold the count over any theme or target group, so each
-- filter the map route offers reads exactly one row per cell. Coarser zooms add 4×4, 8×8... cells together.
-- The positions' sums let a cell be drawn at the mean of its initiatives, as before. numeric, so adding
-- and subtracting never drifts and a rebuild gives the very same figures.
CREATE TABLE initiative_map_count (
  theme text NOT NULL,
  target_group text NOT NULL,
  -- floor(longitude / (360 / 2^15)): the cell size of zoom 12, finer than any zoom that sums (9 and 10),
  -- so the strips along a box's edge that are counted row by row stay thin. An initiative without
  -- coordinates is drawn at its municipality's centre and counted there.
  cell_x integer NOT NULL,
  cell_y integer NOT NULL,
  municipality_id uuid NOT NULL,
  network_id uuid NOT NULL,
  stage text NOT NULL,
  -- Rows that fall to 0 stay (deleting them would make concurrent writers wait on each other's keys);
  -- readers skip empty sums, and a rebuild drops them. No CHECK (n >= 0): PostgreSQL checks the row an
  -- upsert proposes (a delta of -1) before it finds the row to add it to.
  n integer NOT NULL,
  sum_lon numeric NOT NULL,
  sum_lat numeric NOT NULL,
  PRIMARY KEY (theme, target_group, cell_x, cell_y, municipality_id, network_id, stage)
);

-- A change in the set of accepted initiatives: +1 for a row that is now accepted, -1 for one that was.
CREATE TYPE initiative_map_change AS (
  sign integer, municipality_id uuid, network_id uuid, stage text, themes text[], target_groups text[], longitude double precision, latitude double precision
);

-- Adds changes to the counts in one statement. Keys are upserted in primary-key order, so two writers
-- lock shared rows in the same order and never deadlock; `n = n + delta` under the row lock loses no
-- concurrent update. An edit that leaves a key as it was (an unrelated column) nets to nothing and
-- touches no row.
CREATE FUNCTION initiative_map_count_add(changes initiative_map_change[]) RETURNS void LANGUAGE sql AS $$
  WITH placed AS (
    SELECT c.sign, c.municipality_id, c.network_id, c.stage, c.themes, c.target_groups,
           coalesce(c.longitude, m.longitude) AS lon, coalesce(c.latitude, m.latitude) AS lat
    FROM unnest(changes) AS c
    JOIN network_municipality m ON m.id = c.municipality_id
  ), delta AS (
    SELECT t.theme, g.target_group,
           floor(p.lon / 0.010986328125::double precision)::integer AS cell_x,
           floor(p.lat / 0.010986328125::double precision)::integer AS cell_y,
           p.municipality_id, p.network_id, p.stage,
           sum(p.sign)::integer AS n, sum(p.sign * p.lon::numeric) AS sum_lon, sum(p.sign * p.lat::numeric) AS sum_lat
    FROM placed p
    CROSS JOIN LATERAL unnest(array_append(p.themes, '')) AS t(theme)
    CROSS JOIN LATERAL unnest(array_append(p.target_groups, '')) AS g(target_group)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(p.sign) <> 0 OR sum(p.sign * p.lon::numeric) <> 0 OR sum(p.sign * p.lat::numeric) <> 0
  )
  INSERT INTO initiative_map_count AS c
  SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (theme, target_group, cell_x, cell_y, municipality_id, network_id, stage)
  DO UPDATE SET n = c.n + excluded.n, sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat
$$;

-- The trigger is the one place every road to a published row passes (acceptance, withdrawal, edits,
-- stop, the import, HSDS, the demo seed, the benchmark's bulk insert), inside the writer's transaction.
-- Statement-level with transition tables, so a bulk insert costs one upsert, not one per row.
CREATE FUNCTION initiative_map_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes initiative_map_change[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || ARRAY(SELECT ROW(-1, municipality_id, network_id, stage, themes, target_groups, longitude, latitude)::initiative_map_change FROM old_rows WHERE status = 'accepted');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || ARRAY(SELECT ROW(1, municipality_id, network_id, stage, themes, target_groups, longitude, latitude)::initiative_map_change FROM new_rows WHERE status = 'accepted');
  END IF;
  IF cardinality(changes) > 0 THEN
    PERFORM initiative_map_count_add(changes);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER initiative_map_count_insert AFTER INSERT ON initiative REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION initiative_map_count_sync();
CREATE TRIGGER initiative_map_count_update AFTER UPDATE ON initiative REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION initiative_map_count_sync();
CREATE TRIGGER initiative_map_count_delete AFTER DELETE ON initiative REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION initiative_map_count_sync();

-- Repair (`npm run networkmap:recount`): the counts again from the accepted rows. SHARE mode lets
-- readers on and holds writers until the new counts commit, so none is counted twice or missed.
CREATE FUNCTION initiative_map_count_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE initiative IN SHARE MODE;
  DELETE FROM initiative_map_count;
  PERFORM initiative_map_count_add(ARRAY(
    SELECT ROW(1, municipality_id, network_id, stage, themes, target_groups, longitude, latitude)::initiative_map_change FROM initiative WHERE status = 'accepted'));
END
$$;

SELECT initiative_map_count_rebuild();

-- The map's edge strips are counted exactly from the rows (see search/map-points.ts): the east and west
-- strips use initiative_point (longitude first), the north and south ones this index.
CREATE INDEX initiative_point_lat ON initiative (latitude, longitude) WHERE status = 'accepted';
