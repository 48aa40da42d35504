-- Issue 13 item 8: the evaluation dashboard computed from roll-ups kept current in the same
-- transaction as the write, instead of from a stored result up to ten minutes old (0031's snapshot).
-- Every figure of a period is a sum over pre-aggregated rows per alliance × scope × month (the
-- alliance's zone); periods are whole months. `scope` is the organisation that keeps the circle (or,
-- for reach, the client), or the alliance's own id for the alliance as a whole, so either reading is
-- one range of rows. Measured in bench/results/pathways.md.
--
-- Persons (distinct clients) do not add up over months, so each row keeps a bitmap of 8192 bits, one
-- bit per client hash: the union of a period's rows counts its persons (linear counting). The bits set
-- are never more than the persons, so a group is shown only when its set bits reach the threshold:
-- suppression errs towards hiding. Lead-time spreads come from a histogram, 8 buckets per doubling
-- from 7.5 minutes (each bucket 9 % wide) with the count, sum, least and greatest lead time per bucket.

DROP TABLE evaluation_snapshot;

-- The histogram bucket of a lead time in hours: 0 below 1/8 hour (also a step done before its window
-- opened), then 8 per doubling; the last one, from about 15 years, is open-ended.
CREATE FUNCTION evaluation_bucket(hours float8) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN hours < 0.125 THEN 0 ELSE least(160, 1 + floor(8 * ln(hours / 0.125) / ln(2)))::smallint END;

-- A client's bitmap: the one bit of its hash set. Persons are the bit_or of these (builtin, so the
-- rebuild ORs a million of them in C rather than calling a function per bit).
CREATE FUNCTION evaluation_person(client_id uuid) RETURNS bit varying LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN B'1'::bit(8192) >> (hashtext(client_id::text) & 8191);

-- The local month a moment falls in.
CREATE FUNCTION evaluation_month(at timestamptz, zone text) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
  RETURN date_trunc('month', at AT TIME ZONE zone)::date;

-- Done tasks: how many, by whom (informal members, professionals), the minutes recorded, the persons.
CREATE TABLE evaluation_task_month (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  month date NOT NULL,
  done integer NOT NULL,
  informal integer NOT NULL,
  professional integer NOT NULL,
  minutes bigint NOT NULL,
  with_minutes integer NOT NULL,
  persons bit varying NOT NULL,
  PRIMARY KEY (alliance_id, scope, month)
);

-- Done pathway steps per dimension: 'step' (key: owning organisation or '-' for an informal member,
-- a space, the step), 'neighbourhood' (4-digit postcode), 'birth_year'. The client's postcode and
-- birth year are read when the step is done.
CREATE TABLE evaluation_lead_month (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  dim text NOT NULL CHECK (dim IN ('step', 'neighbourhood', 'birth_year')),
  month date NOT NULL,
  key text NOT NULL,
  steps integer NOT NULL,
  within_norm integer NOT NULL,
  hours float8 NOT NULL,
  norm_hours float8 NOT NULL,
  persons bit varying NOT NULL,
  PRIMARY KEY (alliance_id, scope, dim, month, key)
);

CREATE TABLE evaluation_lead_bucket (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  dim text NOT NULL,
  month date NOT NULL,
  key text NOT NULL,
  bucket smallint NOT NULL,
  n integer NOT NULL,
  hours float8 NOT NULL,
  least_hours float8 NOT NULL,
  greatest_hours float8 NOT NULL,
  -- The figures in the key's index too: a period's histogram is read from the index alone.
  PRIMARY KEY (alliance_id, scope, dim, month, key, bucket) INCLUDE (n, hours, least_hours, greatest_hours)
);

-- Goals as changes: each new plan version takes its circle's previous version out and puts itself in,
-- in the month it was written, so the sum of the months before a period's end is the newest plans then.
CREATE TABLE evaluation_goal_month (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  month date NOT NULL,
  persons integer NOT NULL,
  goals integer NOT NULL,
  met integer NOT NULL,
  PRIMARY KEY (alliance_id, scope, month)
);

-- Circles opened per month (the denominator of hours per person).
CREATE TABLE evaluation_circle_month (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  month date NOT NULL,
  circles integer NOT NULL,
  PRIMARY KEY (alliance_id, scope, month)
);

-- Reach: clients per neighbourhood or birth year and the month their circle opened ('infinity': none).
CREATE TABLE evaluation_reach (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  scope uuid NOT NULL,
  dim text NOT NULL CHECK (dim IN ('neighbourhood', 'birth_year')),
  key text NOT NULL,
  circle_month date NOT NULL,
  persons integer NOT NULL,
  PRIMARY KEY (alliance_id, scope, dim, key, circle_month)
);

CREATE FUNCTION evaluation_pc4(postcode text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN left(upper(replace(postcode, ' ', '')), 4);

-- One done task into the roll-ups. The alliance's row first, then the organisation's, in every
-- table: concurrent writers take the row locks in the same order.
CREATE FUNCTION evaluation_count_task(t circle_task) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m date := evaluation_month(t.done_at, (SELECT time_zone FROM alliance WHERE id = t.alliance_id));
  person bit varying := evaluation_person(t.client_id);
  member_kind text := (SELECT kind FROM circle_member WHERE id = t.owner_member_id);
  by_informal boolean := coalesce(member_kind IN ('family', 'neighbour', 'volunteer'), false);
  lead_hours float8 := extract(epoch FROM t.done_at - t.window_start) / 3600;
  client_row client;
BEGIN
  INSERT INTO evaluation_task_month AS r (alliance_id, scope, month, done, informal, professional, minutes, with_minutes, persons)
  SELECT t.alliance_id, s.scope, m, 1, by_informal::int, coalesce(t.owner_organisation_id IS NOT NULL OR member_kind NOT IN ('family', 'neighbour', 'volunteer'), false)::int,
    coalesce(t.effort_minutes, 0), (t.effort_minutes IS NOT NULL)::int, person
  FROM unnest(ARRAY[t.alliance_id, t.organisation_id]) WITH ORDINALITY s(scope, n) ORDER BY s.n
  ON CONFLICT (alliance_id, scope, month) DO UPDATE SET done = r.done + 1, informal = r.informal + excluded.informal, professional = r.professional + excluded.professional,
    minutes = r.minutes + excluded.minutes, with_minutes = r.with_minutes + excluded.with_minutes, persons = r.persons | person;
  IF t.pathway_step IS NULL THEN RETURN; END IF;
  SELECT * INTO client_row FROM client WHERE id = t.client_id;
  INSERT INTO evaluation_lead_month AS r (alliance_id, scope, dim, month, key, steps, within_norm, hours, norm_hours, persons)
  SELECT t.alliance_id, s.scope, d.dim, m, d.key, 1, (t.done_at <= t.window_end)::int, lead_hours, extract(epoch FROM t.window_end - t.window_start) / 3600, person
  FROM unnest(ARRAY[t.alliance_id, t.organisation_id]) WITH ORDINALITY s(scope, n)
  CROSS JOIN (VALUES (1, 'step', coalesce(t.owner_organisation_id::text, '-') || ' ' || t.pathway_step), (2, 'neighbourhood', evaluation_pc4(client_row.postcode)),
    (3, 'birth_year', extract(year FROM client_row.date_of_birth)::int::text)) d(n, dim, key)
  ORDER BY s.n, d.n
  ON CONFLICT (alliance_id, scope, dim, month, key) DO UPDATE SET steps = r.steps + 1, within_norm = r.within_norm + excluded.within_norm, hours = r.hours + excluded.hours,
    norm_hours = greatest(r.norm_hours, excluded.norm_hours), persons = r.persons | person;
  INSERT INTO evaluation_lead_bucket AS r (alliance_id, scope, dim, month, key, bucket, n, hours, least_hours, greatest_hours)
  SELECT t.alliance_id, s.scope, d.dim, m, d.key, evaluation_bucket(lead_hours), 1, lead_hours, lead_hours, lead_hours
  FROM unnest(ARRAY[t.alliance_id, t.organisation_id]) WITH ORDINALITY s(scope, n)
  CROSS JOIN (VALUES (1, 'step', coalesce(t.owner_organisation_id::text, '-') || ' ' || t.pathway_step), (2, 'neighbourhood', evaluation_pc4(client_row.postcode)),
    (3, 'birth_year', extract(year FROM client_row.date_of_birth)::int::text)) d(n, dim, key)
  ORDER BY s.n, d.n
  ON CONFLICT (alliance_id, scope, dim, month, key, bucket) DO UPDATE SET n = r.n + 1, hours = r.hours + excluded.hours,
    least_hours = least(r.least_hours, excluded.least_hours), greatest_hours = greatest(r.greatest_hours, excluded.greatest_hours);
END $$;

-- The task roll-ups of an alliance's months [from, to) (null: open) recomputed from the tasks: the
-- rebuild, and the path for what cannot be taken out of a bitmap or a least/greatest (a done task
-- changed or removed; no code path does that today).
CREATE FUNCTION evaluation_rebuild_tasks(p_alliance uuid, p_from date, p_to date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT time_zone FROM alliance WHERE id = p_alliance);
  lo timestamptz := coalesce(p_from::timestamp AT TIME ZONE zone, '-infinity');
  hi timestamptz := coalesce(p_to::timestamp AT TIME ZONE zone, 'infinity');
BEGIN
  DELETE FROM evaluation_task_month WHERE alliance_id = p_alliance AND month >= coalesce(p_from, '-infinity') AND month < coalesce(p_to, 'infinity');
  DELETE FROM evaluation_lead_month WHERE alliance_id = p_alliance AND month >= coalesce(p_from, '-infinity') AND month < coalesce(p_to, 'infinity');
  DELETE FROM evaluation_lead_bucket WHERE alliance_id = p_alliance AND month >= coalesce(p_from, '-infinity') AND month < coalesce(p_to, 'infinity');
  INSERT INTO evaluation_task_month (alliance_id, scope, month, done, informal, professional, minutes, with_minutes, persons)
  SELECT t.alliance_id, s.scope, evaluation_month(t.done_at, zone), count(*),
    count(*) FILTER (WHERE m.kind IN ('family', 'neighbour', 'volunteer')),
    count(*) FILTER (WHERE t.owner_organisation_id IS NOT NULL OR m.kind NOT IN ('family', 'neighbour', 'volunteer')),
    coalesce(sum(t.effort_minutes), 0), count(t.effort_minutes), bit_or(evaluation_person(t.client_id))
  FROM circle_task t LEFT JOIN circle_member m ON m.id = t.owner_member_id
  CROSS JOIN LATERAL (VALUES (t.alliance_id), (t.organisation_id)) s(scope)
  WHERE t.status = 'done' AND t.alliance_id = p_alliance AND t.done_at >= lo AND t.done_at < hi
  GROUP BY 1, 2, 3;
  WITH steps AS (
    SELECT t.alliance_id, s.scope, d.dim, evaluation_month(t.done_at, zone) AS month, d.key, t.client_id,
      extract(epoch FROM t.done_at - t.window_start) / 3600 AS lead_hours, extract(epoch FROM t.window_end - t.window_start) / 3600 AS norm, t.done_at <= t.window_end AS within
    FROM circle_task t JOIN client c ON c.id = t.client_id
    CROSS JOIN LATERAL (VALUES (t.alliance_id), (t.organisation_id)) s(scope)
    CROSS JOIN LATERAL (VALUES ('step', coalesce(t.owner_organisation_id::text, '-') || ' ' || t.pathway_step), ('neighbourhood', evaluation_pc4(c.postcode)),
      ('birth_year', extract(year FROM c.date_of_birth)::int::text)) d(dim, key)
    WHERE t.status = 'done' AND t.alliance_id = p_alliance AND t.done_at >= lo AND t.done_at < hi AND t.pathway_step IS NOT NULL),
  cells AS (
    INSERT INTO evaluation_lead_month (alliance_id, scope, dim, month, key, steps, within_norm, hours, norm_hours, persons)
    SELECT alliance_id, scope, dim, month, key, count(*), count(*) FILTER (WHERE within), sum(lead_hours), max(norm), bit_or(evaluation_person(client_id))
    FROM steps GROUP BY 1, 2, 3, 4, 5)
  INSERT INTO evaluation_lead_bucket (alliance_id, scope, dim, month, key, bucket, n, hours, least_hours, greatest_hours)
  SELECT alliance_id, scope, dim, month, key, evaluation_bucket(lead_hours), count(*), sum(lead_hours), min(lead_hours), max(lead_hours)
  FROM steps GROUP BY 1, 2, 3, 4, 5, 6;
END $$;

CREATE FUNCTION evaluation_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'done' THEN PERFORM evaluation_count_task(NEW); END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> 'done' THEN
    IF NEW.status = 'done' THEN PERFORM evaluation_count_task(NEW); END IF;
    RETURN NULL;
  END IF;
  IF OLD.status <> 'done' THEN RETURN NULL; END IF;
  zone := (SELECT time_zone FROM alliance WHERE id = OLD.alliance_id);
  IF TG_OP = 'UPDATE' AND NEW.status = 'done'
    AND (OLD.alliance_id, OLD.organisation_id, OLD.client_id, OLD.done_at, OLD.window_start, OLD.window_end, OLD.owner_organisation_id, OLD.owner_member_id, OLD.pathway_step)
      IS NOT DISTINCT FROM (NEW.alliance_id, NEW.organisation_id, NEW.client_id, NEW.done_at, NEW.window_start, NEW.window_end, NEW.owner_organisation_id, NEW.owner_member_id, NEW.pathway_step) THEN
    -- The minutes of a done task, recorded after it was done: a plain difference.
    IF OLD.effort_minutes IS DISTINCT FROM NEW.effort_minutes THEN
      UPDATE evaluation_task_month SET minutes = minutes + coalesce(NEW.effort_minutes, 0) - coalesce(OLD.effort_minutes, 0),
        with_minutes = with_minutes + (NEW.effort_minutes IS NOT NULL)::int - (OLD.effort_minutes IS NOT NULL)::int
      WHERE alliance_id = OLD.alliance_id AND scope IN (OLD.alliance_id, OLD.organisation_id) AND month = evaluation_month(OLD.done_at, zone);
    END IF;
    RETURN NULL;
  END IF;
  PERFORM evaluation_rebuild_tasks(OLD.alliance_id, evaluation_month(OLD.done_at, zone), (evaluation_month(OLD.done_at, zone) + interval '1 month')::date);
  IF TG_OP = 'UPDATE' AND NEW.status = 'done' AND evaluation_month(NEW.done_at, zone) <> evaluation_month(OLD.done_at, zone) THEN
    PERFORM evaluation_rebuild_tasks(NEW.alliance_id, evaluation_month(NEW.done_at, zone), (evaluation_month(NEW.done_at, zone) + interval '1 month')::date);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_task_changed AFTER INSERT OR UPDATE OR DELETE ON circle_task FOR EACH ROW EXECUTE FUNCTION evaluation_task_changed();

-- Goals: a plan version's goals and those met, in or out (sign) of its month.
CREATE FUNCTION evaluation_count_goals(p_alliance uuid, p_organisation uuid, p_goals jsonb, p_sign integer, p_month date) RETURNS void LANGUAGE sql AS $$
  INSERT INTO evaluation_goal_month AS r (alliance_id, scope, month, persons, goals, met)
  SELECT p_alliance, s.scope, p_month, p_sign, p_sign * jsonb_array_length(p_goals),
    p_sign * (SELECT count(*) FROM jsonb_array_elements(p_goals) g WHERE (g ->> 'met')::boolean)
  FROM unnest(ARRAY[p_alliance, p_organisation]) WITH ORDINALITY s(scope, n) ORDER BY s.n
  ON CONFLICT (alliance_id, scope, month) DO UPDATE SET persons = r.persons + excluded.persons, goals = r.goals + excluded.goals, met = r.met + excluded.met
$$;

CREATE FUNCTION evaluation_rebuild_goals(p_alliance uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT time_zone FROM alliance WHERE id = p_alliance);
BEGIN
  DELETE FROM evaluation_goal_month WHERE alliance_id = p_alliance;
  -- Each version counts from its month until the next version's month, where it is taken out again.
  WITH versions AS (
    SELECT v.organisation_id, evaluation_month(v.changed_at, zone) AS month, v.goals,
      jsonb_array_length(v.goals) AS goals_count, (SELECT count(*) FROM jsonb_array_elements(v.goals) g WHERE (g ->> 'met')::boolean) AS met,
      lead(evaluation_month(v.changed_at, zone)) OVER (PARTITION BY v.circle_id ORDER BY v.version) AS replaced
    FROM circle_plan_version v WHERE v.alliance_id = p_alliance),
  changes AS (
    SELECT organisation_id, month, 1 AS persons, goals_count AS goals, met FROM versions
    UNION ALL
    SELECT organisation_id, replaced, -1, -goals_count, -met FROM versions WHERE replaced IS NOT NULL)
  INSERT INTO evaluation_goal_month (alliance_id, scope, month, persons, goals, met)
  SELECT p_alliance, s.scope, c.month, sum(c.persons), sum(c.goals), sum(c.met)
  FROM changes c CROSS JOIN LATERAL (VALUES (p_alliance), (c.organisation_id)) s(scope)
  GROUP BY 2, 3;
END $$;

CREATE FUNCTION evaluation_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous circle_plan_version;
  m date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    m := evaluation_month(NEW.changed_at, (SELECT time_zone FROM alliance WHERE id = NEW.alliance_id));
    SELECT * INTO previous FROM circle_plan_version WHERE circle_id = NEW.circle_id AND version < NEW.version ORDER BY version DESC LIMIT 1;
    IF FOUND THEN PERFORM evaluation_count_goals(previous.alliance_id, previous.organisation_id, previous.goals, -1, m); END IF;
    PERFORM evaluation_count_goals(NEW.alliance_id, NEW.organisation_id, NEW.goals, 1, m);
  ELSE
    -- A version rewritten or removed (no code path does either): the alliance's goals from scratch.
    PERFORM evaluation_rebuild_goals(OLD.alliance_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_plan_added AFTER INSERT ON circle_plan_version FOR EACH ROW EXECUTE FUNCTION evaluation_plan_changed();
CREATE TRIGGER evaluation_plan_changed AFTER UPDATE OF circle_id, version, alliance_id, organisation_id, goals, changed_at OR DELETE ON circle_plan_version
  FOR EACH ROW EXECUTE FUNCTION evaluation_plan_changed();

-- A client in or out (p_sign) of reach, counted in the month their circle opened ('infinity': none).
CREATE FUNCTION evaluation_count_client(c client, p_circle_month date, p_sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO evaluation_reach AS r (alliance_id, scope, dim, key, circle_month, persons)
  SELECT c.alliance_id, s.scope, d.dim, d.key, p_circle_month, p_sign
  FROM unnest(ARRAY[c.alliance_id, c.organisation_id]) WITH ORDINALITY s(scope, n)
  CROSS JOIN (VALUES (1, 'neighbourhood', evaluation_pc4(c.postcode)), (2, 'birth_year', extract(year FROM c.date_of_birth)::int::text)) d(n, dim, key)
  ORDER BY s.n, d.n
  ON CONFLICT (alliance_id, scope, dim, key, circle_month) DO UPDATE SET persons = r.persons + excluded.persons
$$;

CREATE FUNCTION evaluation_circle_month_of(p_client uuid) RETURNS date LANGUAGE sql STABLE
  RETURN coalesce((SELECT evaluation_month(ci.created_at, a.time_zone) FROM circle ci JOIN alliance a ON a.id = ci.alliance_id WHERE ci.client_id = p_client), 'infinity');

CREATE FUNCTION evaluation_client_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM evaluation_count_client(OLD, evaluation_circle_month_of(OLD.id), -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM evaluation_count_client(NEW, evaluation_circle_month_of(NEW.id), 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_client_changed AFTER INSERT OR UPDATE OF alliance_id, organisation_id, postcode, date_of_birth OR DELETE ON client
  FOR EACH ROW EXECUTE FUNCTION evaluation_client_changed();

-- A circle opened (or, never in code, moved or removed): the circles per month, and its client's
-- reach moves from 'no circle' to the month it opened (and back for the old row).
CREATE FUNCTION evaluation_circle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c client;
  m date;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    m := evaluation_month(OLD.created_at, (SELECT time_zone FROM alliance WHERE id = OLD.alliance_id));
    UPDATE evaluation_circle_month SET circles = circles - 1 WHERE alliance_id = OLD.alliance_id AND scope IN (OLD.alliance_id, OLD.organisation_id) AND month = m;
    SELECT * INTO c FROM client WHERE id = OLD.client_id;
    PERFORM evaluation_count_client(c, m, -1);
    PERFORM evaluation_count_client(c, 'infinity', 1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    m := evaluation_month(NEW.created_at, (SELECT time_zone FROM alliance WHERE id = NEW.alliance_id));
    INSERT INTO evaluation_circle_month AS r (alliance_id, scope, month, circles)
    SELECT NEW.alliance_id, s.scope, m, 1 FROM unnest(ARRAY[NEW.alliance_id, NEW.organisation_id]) WITH ORDINALITY s(scope, n) ORDER BY s.n
    ON CONFLICT (alliance_id, scope, month) DO UPDATE SET circles = r.circles + 1;
    SELECT * INTO c FROM client WHERE id = NEW.client_id;
    PERFORM evaluation_count_client(c, 'infinity', -1);
    PERFORM evaluation_count_client(c, m, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_circle_changed AFTER INSERT OR UPDATE OF alliance_id, organisation_id, client_id, created_at OR DELETE ON circle
  FOR EACH ROW EXECUTE FUNCTION evaluation_circle_changed();

-- Everything of one alliance from scratch: after a bulk load, or to check the triggers' sums.
CREATE FUNCTION evaluation_rebuild(p_alliance uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT time_zone FROM alliance WHERE id = p_alliance);
BEGIN
  PERFORM evaluation_rebuild_tasks(p_alliance, NULL, NULL);
  PERFORM evaluation_rebuild_goals(p_alliance);
  DELETE FROM evaluation_circle_month WHERE alliance_id = p_alliance;
  INSERT INTO evaluation_circle_month (alliance_id, scope, month, circles)
  SELECT ci.alliance_id, s.scope, evaluation_month(ci.created_at, zone), count(*)
  FROM circle ci CROSS JOIN LATERAL (VALUES (ci.alliance_id), (ci.organisation_id)) s(scope)
  WHERE ci.alliance_id = p_alliance GROUP BY 1, 2, 3;
  DELETE FROM evaluation_reach WHERE alliance_id = p_alliance;
  INSERT INTO evaluation_reach (alliance_id, scope, dim, key, circle_month, persons)
  SELECT c.alliance_id, s.scope, d.dim, d.key, coalesce(evaluation_month(ci.created_at, zone), 'infinity'), count(*)
  FROM client c LEFT JOIN circle ci ON ci.client_id = c.id
  CROSS JOIN LATERAL (VALUES (c.alliance_id), (c.organisation_id)) s(scope)
  CROSS JOIN LATERAL (VALUES ('neighbourhood', evaluation_pc4(c.postcode)), ('birth_year', extract(year FROM c.date_of_birth)::int::text)) d(dim, key)
  WHERE c.alliance_id = p_alliance GROUP BY 1, 2, 3, 4, 5;
END $$;

SELECT evaluation_rebuild(id) FROM alliance;
