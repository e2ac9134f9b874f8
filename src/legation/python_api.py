"""The Python API: a read-only database handle whose answers are DuckDB relations.

Relations compose (``.filter``, ``.aggregate``) and convert (``.df()`` with pandas, ``.pl()``
with polars, ``.to_arrow_table()``), so the API stays a few verbs, as in DuckDB's own.
The queries are those of the CLI and the HTTP API (``store`` and ``analyze``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from legation import analyze
from legation.analyze import Count, Interval, Level
from legation.exports import ExportFormat, export
from legation.link.framing import compare
from legation.store import (
    EventFilter,
    Store,
    select_events,
    select_merged,
    select_quotes,
    select_stories,
    select_tellings,
)


class Legation:
    """A coded database opened read-only; ``legation.open("news.duckdb")`` makes one.

    >>> lg = legation.open("legation.duckdb")          # doctest: +SKIP
    >>> lg.dyad("USA", "RUS", interval="month").df()  # doctest: +SKIP
    """

    def __init__(self, db: str | Path) -> None:
        self._store = Store(db, read_only=True)
        self.con: duckdb.DuckDBPyConnection = self._store.con

    def events(self, source: str | None = None, target: str | None = None,
               root: str | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, include_undated: bool = False
               ) -> duckdb.DuckDBPyRelation:
        """Events filtered as by ``legation events`` (actors: a country or a code prefix)."""
        return select_events(self.con, EventFilter(source, target, root, since, until, article,
                                                   include_undated))

    def dyad(self, a: str, b: str, interval: Interval = "month", since: str | None = None,
             until: str | None = None, include_all: bool = False, count: Count = "merged"
             ) -> duckdb.DuckDBPyRelation:
        """Counts per period, direction and QuadClass between two actors; negated and
        hypothetical events are left out unless ``include_all``; merged events count once
        unless ``count="reports"``."""
        return analyze.dyad(self.con, a, b, interval, since, until, include_all, count)

    def network(self, since: str | None = None, until: str | None = None,
                level: Level = "country", include_all: bool = False, count: Count = "merged"
                ) -> duckdb.DuckDBPyRelation:
        """Edges source → target with event counts and mean Goldstein (same exclusions)."""
        return analyze.network(self.con, since, until, level, include_all, count)

    def stories(self) -> list[dict[str, Any]]:
        """Stories: the articles about one happening (CONVENTIONS.md shape)."""
        return select_stories(self.con)

    def merged(self, min_reports: int = 1) -> list[dict[str, Any]]:
        """Merged events with every report and the disagreements between them."""
        return select_merged(self.con, min_reports=min_reports)

    def compare(self, item_id: str) -> list[dict[str, Any]]:
        """Outlet by outlet, how a merged event (M-…) or a story (S-…) was told."""
        return compare(select_tellings(self.con, item_id)[1])

    def export(self, out: str | Path, fmt: ExportFormat = "jsonl", source: str | None = None,
               target: str | None = None, root: str | None = None, since: str | None = None,
               until: str | None = None) -> int:
        """Write ``fmt`` (jsonl, csv, parquet, icews: per report; gdelt, plover: per merged
        event) to ``out``, filtered as ``events``; returns how many rows were written."""
        return export(self.con, Path(out), fmt, EventFilter(source, target, root, since, until))

    def quotes(self, speaker: str | None = None, article: str | None = None
               ) -> duckdb.DuckDBPyRelation:
        """Quotations, optionally by speaker (a country or a code prefix) or article."""
        return select_quotes(self.con, speaker, article)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Legation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
