"""The GDELT 2.0 event table: one row per merged event, the codebook's 61 columns in its order,
tab-separated with no header, as GDELT ships its files.

Value conventions follow the codebook: dates as YYYYMMDD integers (a coarser event date takes
the first day of its period, an undated one the first report's publication day), CAMEO codes as
strings, geography with FIPS 10-4 country codes, DATEADDED as YYYYMMDDHHMMSS (UTC, when the
first report was coded), SOURCEURL the first report's URL. NumArticles and NumSources count
the merged event's articles and outlets; NumMentions its tellings; AvgTone the evaluative
lexicon's tone of its report sentences. Fields Legation does not code (ethnic and religious
actor codes, actor geography, ADM2) are empty, as in GDELT when unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from legation.exports.tables import country_names, fips_codes
from legation.exports.tsv import write_tsv
from legation.knowledge.actors import INTERNATIONAL_PREFIXES
from legation.link.framing import tone
from legation.read.dates import first_day
from legation.store import EventFilter, query, select_merged

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR), *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO), *(f"Actor2Geo_{f}" for f in _GEO),
    *(f"ActionGeo_{f}" for f in _GEO),
    "DATEADDED", "SOURCEURL",
)
# GDELT's geographic resolution codes; Legation's places are countries, regions or cities.
GEO_TYPES = {"country": 1, "region": 5, "city": 4}
LEAD_SENTENCES = 1  # a report from an article's first sentences is a root event (codebook)


def _day(record: dict[str, Any], first: dict[str, Any]) -> date | None:
    """The event's (first) day, else the first report's publication day."""
    value = first_day(record["event_date"]) or (first["published"] or "")[:10]
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _fraction(day: date) -> float:
    """YYYY.FFFF: the year plus the share of it completed by that day."""
    return round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)


def _actor(actor: dict[str, Any] | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR)
    code = actor["code"] or ""
    country = actor["country"] or ""
    rest = code[len(country):] if country and code.startswith(country) else code
    types = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    group = types.pop(0) if types and types[0] in INTERNATIONAL_PREFIXES else ""
    types += ["", "", ""]
    return [code, (actor["name"] or actor["text"] or "").upper(), country, group, "", "", "",
            types[0], types[1], types[2]]


def _geo(place: dict[str, Any] | None) -> list[str]:
    if place is None or place["lat"] is None:
        return [""] * len(_GEO)
    country = place["country"] or ""
    fips = fips_codes().get(country, "")
    kind = GEO_TYPES.get(place["feature"] or "", 4)
    name = place["name"] or ""
    full = name if kind == 1 else ", ".join(
        p for p in (name, country_names().get(country, "")) if p)
    feature = fips if kind == 1 else str(place["geonames_id"] or "")
    return [str(kind), full, fips, fips if kind == 1 else "", "",
            f"{place['lat']:.4f}", f"{place['lon']:.4f}", feature]


def _report_facts(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """merged_id → (first sentence any report comes from, tellings in all)."""
    rows = query(con, "SELECT mr.merged_id, min(e.sentence), sum(e.mentions) FROM "
                      "merged_reports mr JOIN events e USING (event_id) GROUP BY mr.merged_id"
                 ).fetchall()
    return {m: (int(s or 0), int(n or 1)) for m, s, n in rows}


def _articles(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, datetime | None]]:
    rows = query(con, "SELECT article_id, coalesce(url, source, article_id), coded_at "
                      "FROM articles").fetchall()
    return {a: (u, t) for a, u, t in rows}


def gdelt_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None
               ) -> Iterator[list[str]]:
    """One list of 61 strings per merged event matching ``flt``."""
    facts = _report_facts(con)
    articles = _articles(con)
    for record in select_merged(con, flt):
        first = record["reports"][0]
        day = _day(record, first)
        sentence, mentions = facts.get(record["merged_id"], (0, record["num_reports"]))
        url, coded_at = articles.get(first["article_id"], ("", None))
        cameo = record["cameo"]
        yield [
            str(int(record["merged_id"][2:], 16)),
            day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
            str(day.year) if day else "", f"{_fraction(day):.4f}" if day else "",
            *_actor(record["source"]), *_actor(record["target"]),
            "1" if sentence < LEAD_SENTENCES else "0", cameo, cameo[:3], record["cameo_root"],
            str(record["quad_class"]), f"{record['goldstein']:.1f}",
            str(mentions), str(record["num_outlets"]), str(record["num_articles"]),
            f"{tone([r['evidence'] for r in record['reports'] if r['evidence']]):.2f}",
            *[""] * len(_GEO), *[""] * len(_GEO), *_geo(record["place"]),
            coded_at.strftime("%Y%m%d%H%M%S") if coded_at else "", url,
        ]


def write_gdelt(con: duckdb.DuckDBPyConnection, out: Path, flt: EventFilter | None = None
                ) -> int:
    """Write the GDELT file (no header, as GDELT ships it); returns the number of rows."""
    return write_tsv(out, gdelt_rows(con, flt))
