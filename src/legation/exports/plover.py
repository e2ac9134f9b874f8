"""POLECAT-style PLOVER records (JSON Lines), one per merged event, with the field names of the
PLOVER manual's data-fields chapter: ``id``, ``date``, ``actor`` and ``recipient`` (lists of
entities with ``code``, ``sector``, ``entity_text``, ``identifier_id``, ``identifier_text``),
``event``, ``mode``, ``context``, ``quad_code``, ``event_scale``, ``event_loc`` (the location
object of the manual's Mordecai3 table), ``event_text``, ``text``, ``text_info`` and
``cite_info`` of the first report, and ``link`` (the story). Fields the manual invites beyond
its own say where the record came from: ``article_id``, ``url``, ``outlet``, ``num_articles``,
``num_outlets``, ``report_ids``, ``cameo``.

A reciprocal event (a meeting, an agreement) lists both sides as the ``actor`` and no
recipient, as the manual asks for a CONSULT with no host or visitor.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from legation.exports.tables import country_names
from legation.read.dates import first_day
from legation.store import EventFilter, query, select_merged

CODER = "legation"
RESOLUTION = {"country": 1, "region": 2, "city": 4}  # the manual's location resolution codes


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {"code": actor["country"] or actor["code"], "sector": actor["sector"],
            "entity_text": actor["text"], "identifier_id": actor["kb_id"],
            "identifier_text": actor["name"]}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    feature = place["feature"]
    return {"extracted_place": place["name"], "resolved_place": place["name"],
            "geonameid": place["geonames_id"], "lat": place["lat"], "lon": place["lon"],
            "city": place["name"] if feature == "city" else None, "district": None,
            "province": place["name"] if feature == "region" else None,
            "country": country_names().get(place["country"] or ""),
            "country_code": place["country"],
            "feature_class": {"city": "P", "region": "A", "country": "A"}.get(feature or ""),
            "feature_code": None, "resolution": RESOLUTION.get(feature or "")}


def _reports(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """event_id → what the first report's record needs from the report and its article."""
    rel = query(con, "SELECT e.event_id, e.sentence, e.\"start\", e.\"end\", e.reciprocal, "
                     "e.article_id, a.url, a.title, a.outlet, a.coded_at FROM events e "
                     "JOIN articles a USING (article_id)")
    cols = rel.columns
    return {row[0]: dict(zip(cols, row, strict=True)) for row in rel.fetchall()}


def plover_records(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None
                   ) -> Iterator[dict[str, Any]]:
    """One PLOVER record per merged event matching ``flt``."""
    reports = _reports(con)
    for m in select_merged(con, flt):
        first = reports[m["reports"][0]["event_id"]]
        sides = [_entity(a) for a in (m["source"], m["target"]) if a is not None]
        reciprocal = bool(first["reciprocal"]) and len(sides) == 2
        evidence = m["reports"][0]["evidence"]
        yield {
            "id": m["merged_id"],
            "date": first_day(m["event_date"]), "date_precision": m["date_precision"],
            "actor": sides if reciprocal else sides[:1],
            "recipient": [] if reciprocal else sides[1:],
            "event": [m["plover_type"]] if m["plover_type"] else [],
            "mode": [m["plover_mode"]] if m["plover_mode"] else [],
            "context": [],
            "quad_code": m["quad_class"], "event_scale": m["goldstein"],
            "event_loc": _location(m["place"]),
            "event_text": [r["evidence"] for r in m["reports"] if r["evidence"]],
            "text": evidence,
            "text_info": {"sequence": first["sentence"], "start": first["start"],
                          "end": first["end"]},
            "cite_info": {"url": first["url"], "title": first["title"],
                          "publication": first["outlet"], "language": "en", "coder": CODER},
            "link": m["story_id"], "negated": m["negated"], "modality": m["modality"],
            "coder": CODER,
            "coded_date": first["coded_at"].date().isoformat() if first["coded_at"] else None,
            "cameo": m["cameo"], "article_id": first["article_id"], "url": first["url"],
            "outlet": first["outlet"], "published": m["reports"][0]["published"],
            "num_articles": m["num_articles"], "num_outlets": m["num_outlets"],
            "report_ids": [r["event_id"] for r in m["reports"]],
        }


def write_plover(con: duckdb.DuckDBPyConnection, out: Path, flt: EventFilter | None = None
                 ) -> int:
    """Write the PLOVER JSON Lines file; returns the number of records."""
    n = 0
    with out.open("w", encoding="utf-8") as sink:
        for n, record in enumerate(plover_records(con, flt), 1):  # noqa: B007
            sink.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return n
