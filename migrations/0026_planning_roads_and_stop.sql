-- Issue 16 items 3 and 5: a planner run says on which roads it was made (the alliance's own OSRM server, or the
-- offline estimate, with the reason when OSRM did not answer), and the planner page can stop a run early: the
-- request is stored, so whichever instance runs the solver sees it and keeps the best plan found so far.
ALTER TABLE planning_run
  ADD COLUMN roads text NOT NULL DEFAULT 'estimate' CHECK (roads IN ('estimate', 'osrm')),
  ADD COLUMN roads_warning text,
  ADD COLUMN stop_requested_at timestamptz,
  ADD COLUMN stopped_early boolean NOT NULL DEFAULT false;
