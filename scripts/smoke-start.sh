#!/usr/bin/env bash
# Starts the platform the way the README says (embedded PostgreSQL in a fresh data directory, demo
# region seeded), logs in as a demo night coordinator with the printed TOTP secret, reads the board,
# and stops it with SIGTERM: the clean stop must exit 0 and leave no PostgreSQL behind.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/smoke-lib.sh
data=$(mktemp -d)
chmod 755 "$data"
port=$(free_port)
dc09=$(free_port)
log="$data/start.log"
PORT=$port DC09_PORT=$dc09 DATA_DIR="$data" LOG_LEVEL=warn node --import tsx src/main.ts >"$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$data"' EXIT
wait_for_start smoke $pid "$log" 90
grep -q "coordinator@icare.demo" "$log" || { cat "$log"; echo "smoke: demo logins not printed"; exit 1; }
code=$(node --import tsx scripts/totp.ts)
jar="$data/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' \
  -d "{\"email\":\"coordinator@icare.demo\",\"password\":\"Samenzorg-demo-2026\",\"totp\":\"$code\"}" "http://127.0.0.1:$port/api/auth/login" >/dev/null
clients=$(curl -sf -b "$jar" "http://127.0.0.1:$port/api/clients?q=bakker&limit=5")
echo "$clients" | grep -q '"familyName":"Bakker"' || { echo "smoke: the client search found no demo client: $clients"; exit 1; }
curl -sf -b "$jar" "http://127.0.0.1:$port/api/nightcare/incidents" >/dev/null
curl -sf "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "smoke: the web app is not served"; exit 1; }
stop_cleanly smoke $pid "$log" "$data"
echo "smoke: the server start (npm start after its web build) works: demo region, login with TOTP, search, board, web app, clean stop"
