#!/usr/bin/env bash
# Starts a hot standby of a running PostgreSQL on loopback, as a deployment with a read replica runs
# one: a base backup taken with `pg_basebackup -R` (which writes standby.signal and primary_conninfo),
# then streaming replication from the primary. Used by .ci/run for the read-replica test.
#   scripts/start-replica.sh <postgresql bin dir> <primary port> <superuser password> <new data dir> <replica port> <socket dir>
# Run as root (the server then runs as the postgres user) or as the postgres user itself.
set -euo pipefail
pgbin=$1 primary_port=$2 password=$3 datadir=$4 port=$5 sockets=$6
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
# The password goes into primary_conninfo (postgresql.auto.conf, mode 0600 in the data directory).
as_postgres "PGPASSWORD='$password' '$pgbin/pg_basebackup' -h 127.0.0.1 -p $primary_port -U postgres -D '$datadir' -R -X stream -c fast"
as_postgres "'$pgbin/pg_ctl' -D '$datadir' -l '$datadir.log' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$sockets'\" -w start >/dev/null"
# Ready only once it streams: a read before that would see the state of the backup, not of the primary.
for _ in $(seq 1 100); do
  state=$(PGPASSWORD=$password "$pgbin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -Atc "SELECT state FROM pg_stat_replication LIMIT 1")
  [ "$state" = streaming ] && exit 0
  sleep 0.1
done
echo "the replica on port $port does not stream from port $primary_port" >&2
exit 1
