"""Analysis over stored events: dyad time series, actor networks, actor, article and place
summaries.

Each function takes a DuckDB connection (or cursor) and returns a relation, so the Python API
hands users something with ``.df()``/``.pl()`` and the HTTP API pages the very same query.
Only bound parameters carry user values; SQL fragments come from fixed tables below.
"""

from __future__ import annotations

from typing import Literal

import duckdb

from legation.store import EventFilter, actor_is, query, require_links

Interval = Literal["day", "week", "month"]
Level = Literal["country", "code"]
# What a count counts: merged events (one happening told by many reports counts once, as
# GDELT's NumArticles would have it) or each article's report (CONVENTIONS.md).
Count = Literal["merged", "reports"]
COUNT_TABLE = {"merged": "merged", "reports": "events"}

# Analysis counts leave these out unless asked (CONVENTIONS.md): say so wherever counts are shown.
EXCLUDED = ("negated", "hypothetical")
COUNTED = "NOT coalesce(negated, false) AND coalesce(modality, '') <> 'hypothetical'"

# An event joins a period only when its date is that precise: "2015" has no month.
PERIOD = {
    "day": "CASE WHEN length(event_date) = 10 THEN event_date END",
    "week": "CASE WHEN length(event_date) = 10 "
            "THEN strftime(CAST(event_date AS DATE), '%G-W%V') END",
    "month": "CASE WHEN length(event_date) >= 7 THEN left(event_date, 7) END",
}
# Events per QuadClass and summed Goldstein: the columns of every time series.
QUAD_COUNTS = ", ".join(f"count(*) FILTER (quad_class = {q}) AS quad{q}" for q in range(1, 5)) \
    + ", sum(goldstein) AS goldstein"
NODE = {"country": "coalesce({side}.country, {side}.code)", "code": "{side}.code"}


def _dated(con: duckdb.DuckDBPyConnection, since: str | None, until: str | None,
           count: Count = "merged") -> tuple[str, list[str]]:
    """Merged events (or reports) in the period, by the rules of ``legation events``."""
    where, params = EventFilter(since=since, until=until).where()
    if count == "merged":
        require_links(con)
    return f"SELECT * FROM {COUNT_TABLE[count]}{where}", params


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, interval: Interval = "month",
         since: str | None = None, until: str | None = None, include_all: bool = False,
         count: Count = "merged") -> duckdb.DuckDBPyRelation:
    """Events between ``a`` and ``b`` per period and direction: counts per QuadClass and summed
    Goldstein. Each event counts once, as ``a→b`` when it reads so, else ``b→a``; events whose
    date is missing or coarser than ``interval`` have no period and are left out."""
    base, params = _dated(con, since, until, count)
    a, b = a.upper(), b.upper()
    pair = f"({actor_is('source')} AND {actor_is('target')})"  # bound as (a, b) or as (b, a)
    counted = "" if include_all else f" AND {COUNTED}"
    sql = f"""
        SELECT period, direction, count(*) AS events,
               {QUAD_COUNTS}
        FROM (SELECT {PERIOD[interval]} AS period,
                     CASE WHEN {pair} THEN 'a→b' ELSE 'b→a' END AS direction, quad_class, goldstein
              FROM ({base}) WHERE ({pair} OR {pair}){counted})
        WHERE period IS NOT NULL
        GROUP BY period, direction ORDER BY period, direction"""
    return query(con, sql, [*[a, a, b, b], *params, *[a, a, b, b], *[b, b, a, a]])


def timeline(con: duckdb.DuckDBPyConnection, flt: EventFilter, interval: Interval = "month"
             ) -> duckdb.DuckDBPyRelation:
    """Reports matching ``flt`` (the filters of ``legation events``) per period: counts per
    QuadClass and summed Goldstein, direction "all" (``series.continuous`` fills the gaps)."""
    where, params = flt.where()
    sql = f"""
        SELECT period, 'all' AS direction, count(*) AS events,
               {QUAD_COUNTS}
        FROM (SELECT {PERIOD[interval]} AS period, quad_class, goldstein FROM events{where})
        WHERE period IS NOT NULL GROUP BY period ORDER BY period"""
    return query(con, sql, params)


def countries(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Country codes that stored actors carry: network nodes that are countries, not sectors."""
    rows = query(con, "SELECT DISTINCT source.country FROM events WHERE source.country IS NOT "
                      "NULL UNION SELECT DISTINCT target.country FROM events WHERE "
                      "target.country IS NOT NULL").fetchall()
    return {r[0] for r in rows}


def network(con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None,
            level: Level = "country", include_all: bool = False, count: Count = "merged"
            ) -> duckdb.DuckDBPyRelation:
    """Directed edges source → target with event counts and mean Goldstein; actors are countries
    (or the sector code of actors without one, e.g. REB) unless ``level="code"``."""
    base, params = _dated(con, since, until, count)
    counted = "" if include_all else f" AND {COUNTED}"
    src, tgt = NODE[level].format(side="source"), NODE[level].format(side="target")
    sql = f"""
        SELECT {src} AS source, {tgt} AS target, count(*) AS events,
               avg(goldstein) AS goldstein_mean
        FROM ({base})
        WHERE source.code IS NOT NULL AND target.code IS NOT NULL{counted}
        GROUP BY ALL ORDER BY events DESC, source, target"""
    return query(con, sql, params)


def network_nodes(edges: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """The actors of a network with the events they take part in, as source or target."""
    return edges.query("edges", """
        SELECT node AS id, sum(events)::BIGINT AS events FROM (
            SELECT source AS node, events FROM edges
            UNION ALL SELECT target, events FROM edges WHERE target <> source)
        GROUP BY node ORDER BY events DESC, id""")


def actors(con: duckdb.DuckDBPyConnection, q: str | None = None) -> duckdb.DuckDBPyRelation:
    """Actor codes seen in events, with their commonest name and event counts per role;
    ``q`` searches codes and names (case-insensitive substring)."""
    having, params = "", []
    if q:
        having = " HAVING bool_or(contains(lower(code), ?) OR contains(lower(name), ?))"
        params = [q.lower(), q.lower()]
    sql = f"""
        SELECT code, any_value(country) AS country, any_value(sector) AS sector,
               mode(name) AS name, count(DISTINCT event_id) AS events,
               count(*) FILTER (role = 'source') AS as_source,
               count(*) FILTER (role = 'target') AS as_target
        FROM (SELECT event_id, 'source' AS role, unnest(source) FROM events
              UNION ALL SELECT event_id, 'target', unnest(target) FROM events)
        WHERE code IS NOT NULL
        GROUP BY code{having} ORDER BY events DESC, code"""
    return query(con, sql, params)


def actor_events(con: duckdb.DuckDBPyConnection, code: str) -> duckdb.DuckDBPyRelation:
    """Events where ``code`` (a country or a code prefix) is the source or the target."""
    code = code.upper()
    sql = f"""SELECT * FROM events WHERE {actor_is('source')} OR {actor_is('target')}
              ORDER BY event_date NULLS LAST, article_id, "start", event_id"""
    return query(con, sql, [code] * 4)


def articles(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """Articles (without their text) and how much was coded from each."""
    counts = " ".join(
        f"LEFT JOIN (SELECT article_id, count(*) AS {t} FROM {t} GROUP BY ALL) USING (article_id)"
        for t in ("events", "quotes", "places", "mentions"))
    return query(con, f"""
        SELECT article_id, outlet, title, url, author, published, published_precision, source,
               coded_at, coalesce(events, 0) AS events, coalesce(quotes, 0) AS quotes,
               coalesce(places, 0) AS places, coalesce(mentions, 0) AS mentions
        FROM articles {counts}
        ORDER BY published NULLS LAST, article_id""")


def article_rows(con: duckdb.DuckDBPyConnection, table: Literal["mentions", "places"],
                 article_id: str) -> duckdb.DuckDBPyRelation:
    """One article's actor mentions or place names, in text order (character spans)."""
    return query(con, f'SELECT * FROM {table} WHERE article_id = ? ORDER BY "start"',
                 [article_id])


def places(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """Places with coordinates: how often articles name them and how many events happened there."""
    return query(con, """
        WITH named AS (
            SELECT geonames_id, any_value(name) AS name, any_value(country) AS country,
                   any_value(feature) AS feature, lat, lon, count(*) AS mentions,
                   count(DISTINCT article_id) AS articles
            FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY geonames_id, lat, lon),
        happened AS (
            SELECT place.geonames_id AS geonames_id, any_value(place.name) AS name,
                   any_value(place.country) AS country, any_value(place.feature) AS feature,
                   place.lat AS lat, place.lon AS lon, count(*) AS events
            FROM events WHERE place.lat IS NOT NULL AND place.lon IS NOT NULL
            GROUP BY ALL)
        SELECT coalesce(n.geonames_id, h.geonames_id) AS geonames_id,
               coalesce(n.name, h.name) AS name, coalesce(n.country, h.country) AS country,
               coalesce(n.feature, h.feature) AS feature, coalesce(n.lat, h.lat) AS lat,
               coalesce(n.lon, h.lon) AS lon, coalesce(events, 0) AS events,
               coalesce(mentions, 0) AS mentions, coalesce(articles, 0) AS articles
        FROM named n FULL OUTER JOIN happened h  -- regions and toponyms have no GeoNames id
            ON n.geonames_id IS NOT DISTINCT FROM h.geonames_id AND n.lat = h.lat
               AND n.lon = h.lon
        ORDER BY events DESC, mentions DESC, name, geonames_id, lat, lon""")
