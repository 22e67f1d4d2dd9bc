#!/usr/bin/env bash
# Article extraction: trafilatura against newsgraph on Mozilla Readability's
# test pages (../shared/eval/html/readability), same scorer for both
# (`newsgraph eval html`, trafilatura's output passed with --predictions).
#
# Environment:
#   NEWSGRAPH=path    newsgraph binary to use (default: cargo build --release)
#   NEWSGRAPH_SHARED  shared/ folder (default: ../shared beside the repository)
#   PYTHON=python3    interpreter used to create the venv
#   REPEAT=3          timed passes of each extractor (the fastest is kept)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${NEWSGRAPH_SHARED:-$ROOT/../shared}"
PAGES="$SHARED/eval/html/readability"
VENV="$HERE/.venv-html"
OUT="$HERE/out"
PYTHON="${PYTHON:-python3}"
REPEAT="${REPEAT:-3}"

if [[ ! -d "$PAGES" ]]; then
    echo "html.sh: $PAGES not found (set NEWSGRAPH_SHARED); skipping the extraction comparison." >&2
    exit 0
fi
mkdir -p "$OUT"
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import trafilatura' 2>/dev/null; then
    "$VENV/bin/pip" install -q 'trafilatura==2.3.1' 'lxml_html_clean'
fi
if [[ -z "${NEWSGRAPH:-}" ]]; then
    (cd "$ROOT" && cargo build --release -p newsgraph >&2)
    NEWSGRAPH="${CARGO_TARGET_DIR:-$ROOT/target}/release/newsgraph"
fi

for _ in $(seq "$REPEAT"); do
    "$VENV/bin/python" "$HERE/trafilatura_html.py" "$PAGES" "$OUT/trafilatura-html.jsonl"
done | tee "$OUT/trafilatura-html.speed.txt"
"$NEWSGRAPH" eval html "$PAGES" --predictions "$OUT/trafilatura-html.jsonl" | tee "$OUT/trafilatura-html.score.txt"
for _ in $(seq "$REPEAT"); do
    "$NEWSGRAPH" eval html "$PAGES"
done | tee "$OUT/newsgraph-html.score.txt"
