"""Report rows for the per-report exports: each stored event with its merged event and the
article that tells it (outlet, url, title, published), and ``event_day`` for tools that want a
DATE column beside the precision-keeping ``event_date`` string."""

from __future__ import annotations

import duckdb

from legation.schema import TABLES, flat_columns
from legation.store import EventFilter, query

ARTICLE_FIELDS = ("outlet", "url", "title", "published")

# The first day of the period an event_date names ("2015-10" → 2015-10-01).
EVENT_DAY = ("CAST(CASE date_precision WHEN 'day' THEN event_date "
             "WHEN 'month' THEN event_date || '-01' WHEN 'year' THEN event_date || '-01-01' "
             "END AS DATE) AS event_day")


def report_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                flat: bool = False, day: bool = False) -> duckdb.DuckDBPyRelation:
    """Reports in ``select_events`` order with ``merged_id`` and the article's fields;
    ``flat`` spreads actor and place structs into columns (CSV), ``day`` adds ``event_day``."""
    where, params = (flt or EventFilter()).where()
    events = flat_columns("events") if flat else ", ".join(f'"{c.name}"' for c in TABLES["events"])
    extra = ", ".join(("merged_id", *ARTICLE_FIELDS))
    day_col = f", {EVENT_DAY}" if day else ""
    # joined in a subquery: articles has a "source" column too, and the filters name columns
    # of the report
    joined = ("SELECT e.*, mr.merged_id, "
              + ", ".join(f"a.{f}" for f in ARTICLE_FIELDS)
              + " FROM events e JOIN articles a USING (article_id) "
              "LEFT JOIN merged_reports mr USING (event_id)")
    sql = (f"SELECT {events}, {extra}{day_col} FROM ({joined}) AS r{where} "
           'ORDER BY event_date NULLS LAST, article_id, "start", event_id')
    return query(con, sql, params)
