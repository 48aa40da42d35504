# Shared steps of the two start smoke tests (sourced, not run).

# A free TCP port on loopback, picked by the kernel.
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Waits until the server's log says it runs; fails with the log when it exits first or takes too long.
# usage: wait_for_start <label> <pid> <log> <seconds>
wait_for_start() {
  local label=$1 pid=$2 log=$3 seconds=$4
  for _ in $(seq 1 "$seconds"); do
    grep -q "is running at" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "$label: the server exited during start"; exit 1; }
    sleep 1
  done
  cat "$log"; echo "$label: not started within $seconds s"; exit 1
}

# SIGTERM must stop the server with exit 0 and leave no embedded PostgreSQL running on the data directory.
# usage: stop_cleanly <label> <pid> <log> <data directory>
stop_cleanly() {
  local label=$1 pid=$2 log=$3 data=$4 status=0
  kill -TERM "$pid"
  wait "$pid" || status=$?
  [ "$status" = 0 ] || { cat "$log"; echo "$label: SIGTERM stop exited $status"; exit 1; }
  if pgrep -f "postgres -D $data" >/dev/null; then echo "$label: PostgreSQL still running after stop"; exit 1; fi
}
