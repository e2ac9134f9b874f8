"""The small tables the export presets translate with (``exports/data``): FIPS 10-4 country
codes for GDELT's geography, ICEWS sector names, and country names from the actor knowledge."""

from __future__ import annotations

import functools
from importlib import resources

from legation.errors import KnowledgeError


def _tsv(package: str, name: str, header: list[str]) -> list[list[str]]:
    """Data rows of a tab-separated file with ``header``, skipping # comment lines."""
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    if not rows or rows[0][:len(header)] != header:
        raise KnowledgeError(f"{name}: the header must start with {', '.join(header)}")
    bad = [n for n, r in enumerate(rows[1:], 2) if len(r) < len(header)]
    if bad:
        raise KnowledgeError(f"{name}: data row {bad[0]} has fewer than {len(header)} fields")
    return rows[1:]


@functools.cache
def fips_codes() -> dict[str, str]:
    """ISO alpha-3 → FIPS 10-4 country code."""
    return {iso3: fips for iso3, fips in _tsv("legation.exports", "fips.tsv", ["iso3", "fips"])}


@functools.cache
def icews_sectors() -> dict[str, list[str]]:
    """Sector code → ICEWS sector names."""
    return {code: [s for s in names.split(",") if s]
            for code, names in _tsv("legation.exports", "icews_sectors.tsv", ["code", "sectors"])}


@functools.cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 → the country's name (countries.tsv of the actor knowledge)."""
    return {row[0]: row[1] for row in _tsv("legation.knowledge", "countries.tsv", ["iso3", "name"])}
