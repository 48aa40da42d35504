-- Issue 12 item 8: the small-group floor. With a minimum of 2 every hidden count is exactly 1, so "hidden"
-- names one person and suppression protects nobody; 3 is the lowest minimum at which a hidden count is
-- ambiguous (1 or 2). Any alliance set below it is raised to it, never lowered below what it chose.
UPDATE respite_settings SET min_group_size = 3 WHERE min_group_size < 3;
ALTER TABLE respite_settings DROP CONSTRAINT respite_settings_min_group_size_check;
ALTER TABLE respite_settings ADD CONSTRAINT respite_settings_min_group_size_check CHECK (min_group_size BETWEEN 3 AND 100);
