#!/usr/bin/env bash
# End-to-end test of `newsgraph serve`: installs Debian's Chromium and the
# npm packages if missing, builds the release binary, starts a server on an
# empty temp store, ingests the two seed articles over HTTP, runs the
# Playwright test (screenshots in target/e2e/) and stops the server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
shared="${NEWSGRAPH_SHARED:-$root/../shared}"
artifacts="$root/target/e2e"
mkdir -p "$artifacts"

if [ ! -x /usr/bin/chromium ]; then
  apt-get install -y chromium chromium-driver || { apt-get update && apt-get install -y chromium chromium-driver; }
fi
(cd "$here" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; })
bin="${NEWSGRAPH_BIN:-$root/target/release/newsgraph}"
[ -n "${NEWSGRAPH_BIN:-}" ] || (cd "$root" && cargo build --release -p newsgraph-cli)

work="$(mktemp -d)"
port="${PORT:-18080}"
token="e2e-$RANDOM$RANDOM"
NEWSGRAPH_TOKEN="$token" "$bin" serve --db "$work/e2e.db" \
  --addr "127.0.0.1:$port" --allow-ingest >"$artifacts/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/stories" >/dev/null && break; sleep 0.2; done

for seed in "$shared"/seeds/*; do
  curl -sf -X POST -H "Authorization: Bearer $token" --data-binary "@$seed" \
    "http://127.0.0.1:$port/api/documents?name=$(basename "$seed")" >/dev/null
done

NEWSGRAPH_URL="http://127.0.0.1:$port" ARTIFACTS="$artifacts" node "$here/e2e.mjs"
