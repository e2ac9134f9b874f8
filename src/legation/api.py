"""The Python API: a read-only database handle whose answers are DuckDB relations.

Relations compose (``.filter``, ``.aggregate``) and convert (``.df()`` with pandas, ``.pl()``
with polars, ``.to_arrow_table()``), so the API stays a few verbs, as in DuckDB's own.
The queries are those of the CLI and the HTTP API (``store`` and ``analyze``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from legation import analyze
from legation.analyze import Interval, Level
from legation.store import EventFilter, Store, select_events, select_quotes


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
             until: str | None = None, include_all: bool = False) -> duckdb.DuckDBPyRelation:
        """Counts per period, direction and QuadClass between two actors; negated and
        hypothetical events are left out unless ``include_all``."""
        return analyze.dyad(self.con, a, b, interval, since, until, include_all)

    def network(self, since: str | None = None, until: str | None = None,
                level: Level = "country", include_all: bool = False
                ) -> duckdb.DuckDBPyRelation:
        """Edges source → target with event counts and mean Goldstein (same exclusions)."""
        return analyze.network(self.con, since, until, level, include_all)

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
