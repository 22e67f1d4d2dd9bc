#!/bin/sh
# Tests of the Python package: install it with one `pip install` into a
# fresh virtual environment (pip fetches maturin, cargo builds the module),
# then run pytest. The CLI it is compared with is built first.
# Usage: python/run-tests.sh [pytest arguments]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
venv=${NEWSGRAPH_VENV:-$(mktemp -d)/venv}

if ! command -v java >/dev/null 2>&1; then
    # Spark needs a JVM.
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi
(cd "$repo" && cargo build --release -p newsgraph-cli)
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q "$here" pytest "pyspark>=3.4" pyarrow
# Run from the tests folder so that `import newsgraph` is the installed
# package, not the source folder next to it.
cd "$here/tests"
exec "$venv/bin/python" -m pytest -q "$@"
