"""Map points for what the city gazetteer has no point for: countries (GeoNames' point for the
country), first-level regions (ISO 3166-2 code → GeoNames' ADM1 point) and other toponyms news
uses (the Gaza Strip, Donbas, Tahrir Square). Facts kept in four TSV files of ``data/``; see
its README for the columns.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from legation.errors import KnowledgeError


@dataclass(frozen=True)
class Toponym:
    """A named place with its point: a region of ISO 3166-2 or an entry of toponyms.tsv."""

    names: tuple[str, ...]
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    feature: str  # "region", "district", "landmark"
    code: str | None = None  # the ISO 3166-2 code of a region


def _rows(name: str, columns: int) -> list[tuple[str, list[str]]]:
    """(where, fields) of the data rows of a TSV file with a header, skipping # lines."""
    path = resources.files("legation.knowledge") / "data" / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"cannot read {name}: {exc}") from exc
    rows, header = [], False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise KnowledgeError(f"{name}, line {n}: {columns} tab-separated fields expected, "
                                 f"found {len(fields)}")
        rows.append((f"{name}, line {n}", fields))
    return rows


def _point(where: str, lat: str, lon: str) -> tuple[float, float]:
    try:
        point = float(lat), float(lon)
    except ValueError as exc:
        raise KnowledgeError(f"{where}: lat and lon must be numbers") from exc
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise KnowledgeError(f"{where}: ({lat}, {lon}) is not a point on Earth")
    return point


@functools.cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 → the country's point."""
    return {iso3: _point(where, lat, lon)
            for where, (iso3, lat, lon) in _rows("country_points.tsv", 3)}


@functools.cache
def region_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → the region's point."""
    return {code: _point(where, lat, lon)
            for where, (code, _name, lat, lon) in _rows("region_points.tsv", 4)}


@functools.cache
def region_names() -> dict[str, tuple[str, ...]]:
    """ISO 3166-2 code → the English names news uses for the region (region_names.tsv)."""
    return {code: tuple(n for n in names.split("|") if n)
            for _where, (code, names) in _rows("region_names.tsv", 2)}


@functools.cache
def toponyms() -> tuple[Toponym, ...]:
    """The entries of toponyms.tsv."""
    out = []
    for where, (name, aliases, iso3, lat, lon, feature) in _rows("toponyms.tsv", 6):
        point = _point(where, lat, lon)
        names = (name, *(a for a in aliases.split("|") if a))
        out.append(Toponym(names, iso3, point[0], point[1], feature or "region"))
    return tuple(out)
