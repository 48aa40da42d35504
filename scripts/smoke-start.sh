#!/usr/bin/env bash
# Starts the platform the way the README says (embedded PostgreSQL in a fresh data directory, demo
# region seeded), logs in as a demo night coordinator with the printed TOTP secret, reads the board,
# and stops it with SIGTERM: the clean stop must exit 0 and leave no PostgreSQL behind.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
chmod 755 "$data"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
dc09=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$data/start.log"
PORT=$port DC09_PORT=$dc09 DATA_DIR="$data" LOG_LEVEL=warn node --import tsx src/main.ts >"$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do
  grep -q "is running at" "$log" && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "smoke: the server exited during start"; exit 1; }
  sleep 1
done
grep -q "is running at" "$log" || { cat "$log"; echo "smoke: not started within 90 s"; exit 1; }
grep -q "coordinator@treant.demo" "$log" || { cat "$log"; echo "smoke: demo logins not printed"; exit 1; }
code=$(node --import tsx scripts/totp.ts)
jar="$data/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' \
  -d "{\"email\":\"coordinator@treant.demo\",\"password\":\"Samenzorg-demo-2026\",\"totp\":\"$code\"}" "http://127.0.0.1:$port/api/auth/login" >/dev/null
clients=$(curl -sf -b "$jar" "http://127.0.0.1:$port/api/clients?q=bakker&limit=5")
echo "$clients" | grep -q '"familyName":"Bakker"' || { echo "smoke: the client search found no demo client: $clients"; exit 1; }
curl -sf -b "$jar" "http://127.0.0.1:$port/api/nightcare/incidents" >/dev/null
curl -sf "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "smoke: the web app is not served"; exit 1; }
kill -TERM $pid
status=0
wait $pid || status=$?
[ "$status" = 0 ] || { cat "$log"; echo "smoke: SIGTERM stop exited $status"; exit 1; }
if pgrep -f "postgres -D $data" >/dev/null; then echo "smoke: PostgreSQL still running after stop"; exit 1; fi
echo "smoke: the server start (npm start after its web build) works: demo region, login with TOTP, search, board, web app, clean stop"
