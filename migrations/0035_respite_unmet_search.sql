-- Issue 12 item 12: unmet demand includes people who searched the public overview and found nothing,
-- not only those who sent a request. One row per public availability search that found no fitting place
-- or no room. Anonymous by construction: no person, no address, no IP, no exact time; only the
-- municipality, the month of the first night, the stay's length in buckets, the offer type and why.
CREATE TABLE respite_unmet_search (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  -- '' when the search named no municipality.
  municipality text NOT NULL,
  stay_month date NOT NULL CHECK (extract(day FROM stay_month) = 1),
  nights_bucket text NOT NULL CHECK (nights_bucket IN ('1', '2-3', '4-7', '8+')),
  offer_type text,
  reason text NOT NULL CHECK (reason IN ('no_room', 'no_fit')),
  searched_on date NOT NULL
);
CREATE INDEX respite_unmet_search_alliance ON respite_unmet_search (alliance_id, searched_on);
