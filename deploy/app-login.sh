#!/bin/sh
# First start of the compose database, as README "External PostgreSQL" asks once: the group role the
# migrations grant to, and the app's login in it, which owns nothing.
set -e
psql -v ON_ERROR_STOP=1 -U postgres -d samenzorg <<SQL
CREATE ROLE samenzorg_app NOLOGIN;
CREATE ROLE samenzorg_web LOGIN PASSWORD '${APP_PASSWORD:-change-me-too}' IN ROLE samenzorg_app;
SQL
