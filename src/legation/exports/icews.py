"""ICEWS event files: the header and columns of ICEWS's tab-separated release (as in
``../shared/reference/icews_events_sample.tab``), one row per report, "NA" where ICEWS leaves a
field unknown. Four columns follow ICEWS's twenty, so that each row also says which merged
event it belongs to and which article told it: Merged ID, URL, Title, Published.

Names follow ICEWS: a country actor is named by its country, a sector actor as "Government
(Russia)", a person by name; sectors are ICEWS sector names; Event Text is the CAMEO label;
Intensity is the Goldstein score; Story ID is the article and Sentence Number counts from 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from legation.exports.reports import report_rows
from legation.exports.tables import country_names, icews_sectors
from legation.exports.tsv import write_tsv
from legation.knowledge import codes
from legation.store import EventFilter

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
EXTRA_COLUMNS: tuple[str, ...] = ("Merged ID", "URL", "Title", "Published")
NA = "NA"


def _na(value: object) -> str:
    return NA if value is None or value == "" else str(value)


def _actor(actor: dict[str, Any] | None) -> list[str]:
    """Name, sectors and country of an actor, as ICEWS gives them."""
    if actor is None:
        return [NA, NA, NA]
    country = country_names().get(actor["country"] or "", "")
    sectors = icews_sectors().get(actor["sector"] or "", [])
    if actor["kb_id"] and actor["name"]:
        name = actor["name"]
    elif sectors and country:
        name = f"{sectors[0]} ({country})"
    else:
        name = country or actor["name"] or actor["text"]
    return [_na(name), _na(",".join(sectors)), _na(country)]


def _place(place: dict[str, Any] | None) -> list[str]:
    """City, District, Province, Country, Latitude, Longitude."""
    if place is None:
        return [NA] * 6
    country = country_names().get(place["country"] or "", "")
    feature = place["feature"]
    city = place["name"] if feature == "city" else None
    province = place["name"] if feature == "region" else None
    lat = f"{place['lat']:.4f}" if place["lat"] is not None else None
    lon = f"{place['lon']:.4f}" if place["lon"] is not None else None
    return [_na(city), NA, _na(province), _na(country), _na(lat), _na(lon)]


def icews_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None
               ) -> Iterator[list[str]]:
    """One list of strings per report, in ``COLUMNS + EXTRA_COLUMNS`` order."""
    rel = report_rows(con, flt, day=True)
    cols = rel.columns
    for values in rel.fetchall():
        r = dict(zip(cols, values, strict=True))
        label = codes.lookup(r["cameo"]).label
        yield [
            r["event_id"], _na(r["event_day"].isoformat() if r["event_day"] else None),
            *_actor(r["source"]), label, r["cameo"], f"{r['goldstein']:.1f}",
            *_actor(r["target"]), r["article_id"],
            _na(r["sentence"] + 1 if r["sentence"] is not None else None), _na(r["outlet"]),
            *_place(r["place"]),
            _na(r["merged_id"]), _na(r["url"]), _na(r["title"]), _na(r["published"]),
        ]


def write_icews(con: duckdb.DuckDBPyConnection, out: Path, flt: EventFilter | None = None
                ) -> int:
    """Write the ICEWS file with its header; returns the number of rows."""
    return write_tsv(out, icews_rows(con, flt), header=[*COLUMNS, *EXTRA_COLUMNS])
