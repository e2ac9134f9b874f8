"""Exports: stored reports and merged events as files that other tools load as they are.

``jsonl``, ``csv``, ``parquet`` and ``icews`` give one row per report (with its ``merged_id``
and the article's outlet, url, title and publication date); ``gdelt`` and ``plover`` one row
per merged event. CSV and Parquet add ``event_day`` (DATE) beside ``date_precision``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, get_args

import duckdb

from legation.exports.gdelt import write_gdelt
from legation.exports.icews import write_icews
from legation.exports.plover import write_plover
from legation.exports.reports import report_rows
from legation.store import EventFilter, require_links

ExportFormat = Literal["jsonl", "csv", "parquet", "gdelt", "icews", "plover"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
PER_MERGED = ("gdelt", "plover")  # one row per merged event; the others one per report


def export(con: duckdb.DuckDBPyConnection, out: Path, fmt: ExportFormat,
           flt: EventFilter | None = None) -> int:
    """Write ``fmt`` to ``out``; returns the number of rows (reports or merged events)."""
    require_links(con)
    if fmt == "gdelt":
        return write_gdelt(con, out, flt)
    if fmt == "icews":
        return write_icews(con, out, flt)
    if fmt == "plover":
        return write_plover(con, out, flt)
    if fmt == "jsonl":
        rel = report_rows(con, flt)
        cols = rel.columns
        n = 0
        with out.open("w", encoding="utf-8") as sink:
            for n, row in enumerate(rel.fetchall(), 1):  # noqa: B007
                record = dict(zip(cols, row, strict=True))
                sink.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        return n
    rel = report_rows(con, flt, flat=fmt == "csv", day=True)
    if fmt == "csv":
        rel.write_csv(str(out), header=True)
    else:
        rel.write_parquet(str(out))
    return len(rel)
