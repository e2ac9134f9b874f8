"""The DuckDB store: schema, one transaction per article, queries and exports.

Re-coding an article replaces all its records inside one transaction, so a re-run adds no
duplicates and a crash (or a bad record) leaves the previous state intact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from legation.dataset import open_dataset
from legation.errors import StoreError
from legation.link.framing import OutletTelling
from legation.link.merge import MergeRules, block_of, merge_reports
from legation.link.stories import StoryIndex
from legation.read.article import read_text
from legation.records import Article, Coded
from legation.schema import TABLES, added_columns, arrow_schema, ddl

# 2: reports carry ``reciprocal``; article terms and merged events. 3: complete run records
SCHEMA_VERSION = 3
DEFAULT_DB = "legation.duckdb"

ARTICLE_TABLES = ("events", "mentions", "quotes", "places", "stories", "article_terms",
                  "articles")

EVENT_SCHEMA = arrow_schema("events")
MERGED_SCHEMA = arrow_schema("merged")
ARTICLE_SCHEMA = arrow_schema("articles")
MENTION_SCHEMA = arrow_schema("mentions")
PLACE_ROW_SCHEMA = arrow_schema("places")
QUOTE_SCHEMA = arrow_schema("quotes")
TERM_SCHEMA = arrow_schema("article_terms")
LINK_SCHEMA = arrow_schema("merged_reports")

@dataclass(frozen=True)
class Provenance:
    """What produced a coding: stored with every article so results can be traced and redone."""

    coder_version: str
    model: str
    knowledge_hash: str  # with the coding options' tag when they are not the defaults


def actor_is(side: str) -> str:
    """SQL: the actor column ``side`` is a country or has a code prefix, both bound as the same
    upper-case parameter twice ("RUS" matches RUS and RUSGOV, "USAGOV" its own subcodes)."""
    return f"({side}.country = ? OR starts_with({side}.code, ?))"


def actor_record_is(actor: dict[str, Any] | None, want: str) -> bool:
    """The same test on an actor record (``legation quotes FILE --speaker``)."""
    want = want.upper()
    return actor is not None and (actor["country"] == want
                                  or (actor["code"] or "").startswith(want))


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``legation events`` and the HTTP API, bound as parameters, never spliced."""

    source: str | None = None
    target: str | None = None
    root: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    include_undated: bool = False
    event: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause and its parameters; actor filters match a country or a code prefix."""
        clauses: list[str] = []
        params: list[Any] = []
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(actor_is(side))
                params += [value.upper(), value.upper()]
        if self.root:
            clauses.append("cameo_root = ?")
            params.append(self.root.zfill(2))
        if self.article:
            clauses.append("article_id = ?")
            params.append(self.article)
        if self.event:
            clauses.append("event_id = ?")
            params.append(self.event)
        if self.since or self.until:
            dated = []
            if self.since:
                # A coarser event date ("2015-10") is kept when its period reaches ``since``.
                dated.append("event_date >= left(?, length(event_date))")
                params.append(self.since)
            if self.until:
                # "2015-10-31" must keep "2015-10-31" and the coarser "2015-10"; compare prefixes.
                dated.append("event_date <= ? || '~'")
                params.append(self.until)
            cond = " AND ".join(dated)
            clauses.append(f"(event_date IS NULL OR ({cond}))" if self.include_undated
                           else f"({cond})")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class Store:
    """A DuckDB file holding articles and what was coded from them."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._stories: StoryIndex | None = None
        if read_only and not self.path.exists():
            raise StoreError(f"database {self.path} does not exist; code something into it first "
                             f"with 'legation code INPUT --db {self.path}'")
        if self.path.is_dir():  # a dataset written by 'legation export --partition-by month'
            if not read_only:
                raise StoreError(f"{self.path} is a Parquet dataset, which is read in place, "
                                 "never written: code into a database file (--db FILE)")
            self.con = open_dataset(self.path)
            self._check_version()
            return
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(_open_error(self.path, exc, read_only)) from exc
        if not read_only:
            self._migrate()
        self._check_version()

    def _migrate(self) -> None:
        self.con.execute(ddl())
        for table in TABLES:
            existing = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
            for statement in added_columns(table, existing):
                self.con.execute(statement)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO UPDATE SET value = "
            "greatest(CAST(meta.value AS INTEGER), CAST(excluded.value AS INTEGER))::VARCHAR",
            [str(SCHEMA_VERSION)],
        )

    def _check_version(self) -> None:
        try:
            row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is not a Legation database (no meta table)") from exc
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {row and row[0]}; this Legation "
                             f"reads version {SCHEMA_VERSION}. Upgrade Legation.")

    def one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        """First row of a query, fetched whole: DuckDB 2 refuses new work on a connection
        while a result is only partly read."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def is_current(self, article: Article, prov: Provenance) -> bool:
        """True when this exact text was already coded by this coder, model and knowledge."""
        return article.id in self.current([article], prov)

    def current(self, articles: Sequence[Article], prov: Provenance) -> set[str]:
        """The ids of ``articles`` whose exact text was already coded by this coder, model and
        knowledge: one query for a whole batch."""
        if not articles:
            return set()
        wanted = pa.table({"article_id": [a.id for a in articles],  # noqa: F841 (DuckDB scan)
                           "content_hash": [a.content_hash for a in articles]})
        rows = self.con.execute(
            "SELECT a.article_id FROM articles a JOIN wanted w USING (article_id) "
            "WHERE a.content_hash = w.content_hash AND a.coder_version = ? AND a.model = ? "
            "AND a.knowledge_hash = ?",
            [prov.coder_version, prov.model, prov.knowledge_hash]).fetchall()
        return {r[0] for r in rows}

    def write_articles(self, items: Sequence[Coded], prov: Provenance) -> None:
        """Replace everything stored for these articles in one transaction.

        One transaction for a batch keeps the commit cost off each article; a failure rolls the
        whole batch back, and the caller retries article by article to isolate the bad one.
        """
        if not items:
            return
        con = self.con
        ids = [c.article.id for c in items]
        now = datetime.now(UTC)
        new_articles = pa.Table.from_pylist([  # noqa: F841 (read by DuckDB's replacement scan)
            {"article_id": a.id, "source": a.source, "content_hash": a.content_hash,
             "outlet": a.outlet, "title": a.title, "url": a.url, "author": a.author,
             "published": a.published, "published_precision": a.published_precision,
             "published_basis": a.published_basis, "text": a.text,
             "coder_version": prov.coder_version, "model": prov.model,
             "knowledge_hash": prov.knowledge_hash, "coded_at": now}
            for a in (c.article for c in items)], schema=ARTICLE_SCHEMA)
        reports = [e.to_dict() for c in items for e in c.events]
        new_events = pa.Table.from_pylist(reports, schema=EVENT_SCHEMA)  # noqa: F841
        new_mentions = pa.Table.from_pylist([  # noqa: F841
            {"article_id": c.article.id, "start": m.start, "end": m.end, "text": m.text,
             "code": m.code, "country": m.country, "sector": m.sector, "name": m.name,
             "kb_id": m.kb_id, "rule": m.rule} for c in items for m in c.mentions],
            schema=MENTION_SCHEMA)
        new_places = pa.Table.from_pylist(  # noqa: F841
            [p.record(c.article.id) for c in items for p in c.places], schema=PLACE_ROW_SCHEMA)
        new_quotes = pa.Table.from_pylist(  # noqa: F841
            [q.record(c.article.id) for c in items for q in c.quotes], schema=QUOTE_SCHEMA)
        new_terms = pa.Table.from_pylist(  # noqa: F841
            [{"article_id": c.article.id, "term": t, "n": n} for c in items
             for t, n in c.terms.items()], schema=TERM_SCHEMA)
        con.execute("BEGIN TRANSACTION")
        try:
            # the merge blocks the articles' old reports were in: rebuilt with the new ones
            old_blocks = {r[0] for r in con.execute(
                "SELECT DISTINCT block FROM merged_reports JOIN events USING (event_id) "
                "WHERE list_contains(?, events.article_id)", [ids]).fetchall()}
            for table in ARTICLE_TABLES:
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
            con.execute("INSERT INTO articles SELECT * FROM new_articles")
            con.execute("INSERT INTO events SELECT * FROM new_events")
            con.execute("INSERT INTO mentions SELECT * FROM new_mentions")
            con.execute("INSERT INTO places SELECT * FROM new_places")
            con.execute("INSERT INTO quotes SELECT * FROM new_quotes")
            con.execute("INSERT INTO article_terms SELECT * FROM new_terms")
            self._link(items, old_blocks, reports)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            self._stories = None  # rebuilt from the rolled-back state when next needed
            raise

    # -- linking: stories and merged events, inside the writing transaction ---------------------

    def _story_index(self) -> StoryIndex:
        """The streaming story index, loaded once per connection from what is stored."""
        if self._stories is None:
            index = StoryIndex()
            terms: dict[str, dict[str, int]] = {}
            for article_id, term, n in self.con.execute(
                    "SELECT article_id, term, n FROM article_terms").fetchall():
                terms.setdefault(article_id, {})[term] = n
            for article_id, story_id, published in self.con.execute(
                    "SELECT s.article_id, s.story_id, a.published FROM stories s "
                    "JOIN articles a USING (article_id) ORDER BY a.coded_at, s.article_id"
                    ).fetchall():
                index.add(article_id, terms.get(article_id, {}), _day(published), story_id)
            self._stories = index
        return self._stories

    def _link(self, items: Sequence[Coded], old_blocks: set[str | None],
              reports: list[dict[str, Any]]) -> None:
        """Put each new article in a story, then rebuild the merged events of the blocks its
        reports (old and new) fall in: the rest of the store is left as it is."""
        index = self._story_index()
        rows = [(index.add(c.article.id, c.terms, _day(c.article.published)), c.article.id)
                for c in items]
        self.con.executemany("INSERT INTO stories VALUES (?, ?)", rows)
        rules = MergeRules()
        blocks = old_blocks | {block_of(r, rules) for r in reports}
        unblocked = None in blocks or self.one(  # merged by a version that kept no blocks
            "SELECT 1 FROM merged_reports WHERE block IS NULL LIMIT 1") is not None
        self.remerge(None if unblocked else {b for b in blocks if b is not None},
                     [c.article.id for c in items])

    def remerge(self, blocks: set[str] | None = None, articles: Sequence[str] = (),
                rules: MergeRules | None = None) -> int:
        """Rebuild the merged events of ``blocks`` (with the reports of ``articles``), or of the
        whole store when ``blocks`` is None, in the caller's transaction when there is one;
        returns how many were built. Blocks are independent, so a partial rebuild gives what a
        full one would."""
        rules = rules or MergeRules()
        sql = ("SELECT e.*, a.outlet, a.published, s.story_id FROM events e "
               "JOIN articles a USING (article_id) LEFT JOIN stories s USING (article_id)")
        params: list[Any] = []
        if blocks is not None:
            sql += (" WHERE e.event_id IN (SELECT event_id FROM merged_reports "
                    "WHERE list_contains(?::VARCHAR[], block)) "
                    "OR list_contains(?::VARCHAR[], e.article_id)")
            params = [sorted(blocks), list(articles)]
        rel = query(self.con, sql, params)
        cols = rel.columns
        merged = merge_reports((dict(zip(cols, r, strict=True)) for r in rel.fetchall()), rules)
        new_merged = pa.Table.from_pylist([  # noqa: F841 (read by DuckDB's replacement scan)
            {**m, "article_id": m["reports"][0]["article_id"],
             "reports": json.dumps(m["reports"], ensure_ascii=False),
             "disagreements": json.dumps(m["disagreements"], ensure_ascii=False)}
            for m in merged], schema=MERGED_SCHEMA)
        new_links = pa.Table.from_pylist(  # noqa: F841
            [{"merged_id": m["merged_id"], "event_id": r["event_id"], "block": m["block"]}
             for m in merged for r in m["reports"]], schema=LINK_SCHEMA)
        if blocks is None:
            self.con.execute("DELETE FROM merged")
            self.con.execute("DELETE FROM merged_reports")
        else:
            stale = [sorted(blocks)]
            self.con.execute("DELETE FROM merged WHERE merged_id IN (SELECT merged_id FROM "
                             "merged_reports WHERE list_contains(?::VARCHAR[], block))", stale)
            self.con.execute("DELETE FROM merged_reports WHERE list_contains(?::VARCHAR[], block)",
                             stale)
        self.con.execute("INSERT INTO merged SELECT * FROM new_merged")
        self.con.execute("INSERT INTO merged_reports SELECT * FROM new_links")
        return len(merged)

    def write_article(self, coded: Coded, prov: Provenance) -> None:
        """Replace everything stored for one article in one transaction."""
        self.write_articles([coded], prov)

    def record_run(self, run: dict[str, Any]) -> None:
        """Keep the record of one run (``run.RunSummary.record``), failures included."""
        names = [c.name for c in TABLES["runs"]]
        row = {**run, "finished": datetime.now(UTC)}
        row = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
               for k, v in row.items()}
        self.con.execute(f"INSERT INTO runs ({', '.join(names)}) VALUES "
                         f"({', '.join('?' * len(names))})", [row.get(n) for n in names])

    # -- reading ------------------------------------------------------------------------------

    def changed_articles(self, prov: Provenance) -> Iterator[Article]:
        """Stored articles coded by another coder version, model, knowledge or options than
        ``prov``, rebuilt from their stored text and metadata (``legation recode --changed``).
        A date the reader found in the text is left for it to find again."""
        rel = query(self.con, "SELECT article_id, source, outlet, title, url, author, "
                              "published, published_basis, text FROM articles WHERE "
                              "coder_version IS DISTINCT FROM ? OR model IS DISTINCT FROM ? OR "
                              "knowledge_hash IS DISTINCT FROM ? ORDER BY article_id",
                    [prov.coder_version, prov.model, prov.knowledge_hash])
        for (article_id, source, outlet, title, url, author, published, basis,
             text) in rel.fetchall():
            yield read_text(text, source=source or article_id, article_id=article_id,
                            outlet=outlet, title=title, url=url, author=author,
                            published=published if basis == "given" else None,
                            max_chars=max(len(text), 1))

    def events(self, flt: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> duckdb.DuckDBPyRelation:
        """Events matching ``flt`` as a relation, ordered by date then position."""
        return select_events(self.con, flt, limit, offset)

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Events as event-record dicts (CONVENTIONS.md shape)."""
        rel = self.events(flt)
        cols = rel.columns
        for row in rel.fetchall():
            yield dict(zip(cols, row, strict=True))

    def quotes(self, speaker: str | None = None, article: str | None = None
               ) -> Iterator[dict[str, Any]]:
        """Stored quotations; ``speaker`` matches a country or a code prefix."""
        rel = select_quotes(self.con, speaker, article)
        cols = rel.columns
        for row in rel.fetchall():
            yield dict(zip(cols, row, strict=True))

    def stories(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Stories (CONVENTIONS.md shape), earliest first."""
        return select_stories(self.con, story_id)

    def merged(self, flt: EventFilter | None = None, merged_id: str | None = None,
               min_reports: int = 1) -> list[dict[str, Any]]:
        """Merged events (CONVENTIONS.md shape) with their reports."""
        return select_merged(self.con, flt, merged_id, min_reports)

    def tellings(self, item_id: str) -> tuple[dict[str, Any], list[OutletTelling]]:
        """A merged event or a story, and what each outlet's reports of it say."""
        return select_tellings(self.con, item_id)

    def counts(self) -> dict[str, int]:
        """Row counts per table, for summaries."""
        return {t: self.one(f"SELECT count(*) FROM {t}")[0]
                for t in ("articles", "events", "mentions")}


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
          ) -> duckdb.DuckDBPyRelation:
    """A relation over ``sql`` with bound parameters (DuckDB refuses an empty parameter list)."""
    return con.query(sql, params=list(params)) if params else con.query(sql)


def select_events(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                  limit: int | None = None, offset: int = 0) -> duckdb.DuckDBPyRelation:
    """Events matching ``flt``, ordered by date then position: shared by the CLI, the Python API
    and the HTTP API so that all three answer the same question the same way."""
    where, params = (flt or EventFilter()).where()
    linked = ("SELECT e.*, mr.merged_id FROM events e "
              "LEFT JOIN merged_reports mr USING (event_id)") if _has_table(con, "merged_reports") \
        else "SELECT *, NULL::VARCHAR AS merged_id FROM events"
    # event_id breaks ties, so that pages never repeat or skip an event
    sql = (f'SELECT * FROM ({linked}) AS r{where} '
           'ORDER BY event_date NULLS LAST, article_id, "start", event_id')
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return query(con, sql, params)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """A database coded before the link layer has no story or merge tables."""
    return bool(query(con, "SELECT 1 FROM information_schema.tables WHERE table_name = ?",
                      [name]).fetchall())  # tables and views (a Parquet dataset has views)


def select_event(con: duckdb.DuckDBPyConnection, event_id: str) -> duckdb.DuckDBPyRelation:
    """One report by its id (no row when there is none)."""
    return select_events(con, EventFilter(event=event_id))


ARTICLE_META = ("article_id", "outlet", "title", "url", "author", "published")


def select_articles(con: duckdb.DuckDBPyConnection, article_id: str | None = None,
                    columns: Sequence[str] | None = None, among: Sequence[str] | None = None
                    ) -> duckdb.DuckDBPyRelation:
    """Stored articles (all columns, or ``columns``), the one with ``article_id``, or those
    ``among`` the ids given."""
    cols = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    if among is not None:
        return query(con, f"SELECT {cols} FROM articles "
                          "WHERE list_contains(?::VARCHAR[], article_id) ORDER BY article_id",
                     [list(among)])
    if article_id is None:
        return query(con, f"SELECT {cols} FROM articles ORDER BY article_id")
    return query(con, f"SELECT {cols} FROM articles WHERE article_id = ?", [article_id])


def select_runs(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Run records, newest first, with their failures and options as JSON values."""
    rel = query(con, "SELECT * FROM runs ORDER BY started DESC")
    cols = rel.columns
    out = []
    for row in rel.fetchall():
        record = dict(zip(cols, row, strict=True))
        for key in ("failures", "input_paths", "options"):
            if isinstance(record.get(key), str):
                record[key] = json.loads(record[key])
        out.append(record)
    return out


def select_quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None,
                  article: str | None = None) -> duckdb.DuckDBPyRelation:
    """Quotations; ``speaker`` matches a country or a code prefix, like the event filters."""
    clauses, params = [], []
    if speaker:
        clauses.append(actor_is("speaker"))
        params += [speaker.upper(), speaker.upper()]
    if article:
        clauses.append("article_id = ?")
        params.append(article)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return query(con, f'SELECT * FROM quotes{where} ORDER BY article_id, "start", "end"', params)


def require_links(con: duckdb.DuckDBPyConnection) -> None:
    """Stories and merged events exist from schema 2 on; an older file says how to get them."""
    if not _has_table(con, "merged"):
        raise StoreError("this database was written by an older Legation, before stories and "
                         "merged events; re-code it (legation code INPUTS --db FILE --force) to "
                         "build them")


def select_stories(con: duckdb.DuckDBPyConnection, story_id: str | None = None
                   ) -> list[dict[str, Any]]:
    """Stories (CONVENTIONS.md shape), earliest first; every coded article is in one."""
    require_links(con)
    where, params = ("WHERE s.story_id = ?", [story_id]) if story_id else ("", [])
    rel = query(con, f"""
        SELECT s.story_id, list(a.article_id ORDER BY a.published, a.article_id)
                   AS article_ids,
               arg_min(a.title, coalesce(a.published, '~')) AS title,
               min(a.published) AS first_published, max(a.published) AS last_published,
               list(DISTINCT a.outlet ORDER BY a.outlet)
                   FILTER (a.outlet IS NOT NULL) AS outlets
        FROM stories s JOIN articles a USING (article_id) {where}
        GROUP BY s.story_id ORDER BY first_published NULLS LAST, s.story_id""", params)
    cols = rel.columns
    out = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    for story in out:
        story["outlets"] = story["outlets"] or []
        story["actors"] = [r[0] for r in con.execute("""
            SELECT code FROM (SELECT source.code AS code FROM events
                WHERE list_contains(?, article_id) UNION ALL SELECT target.code FROM events
                WHERE list_contains(?, article_id)) WHERE code IS NOT NULL
            GROUP BY code ORDER BY count(*) DESC, code""",
            [story["article_ids"]] * 2).fetchall()]
        story["merged_ids"] = [r[0] for r in con.execute(
            "SELECT merged_id FROM merged WHERE story_id = ? ORDER BY event_date NULLS LAST,"
            " merged_id", [story["story_id"]]).fetchall()]
    return out


def select_merged(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                  merged_id: str | None = None, min_reports: int = 1,
                  story_id: str | None = None) -> list[dict[str, Any]]:
    """Merged events (CONVENTIONS.md shape) matching ``flt``, with their reports."""
    require_links(con)
    where, params = (flt or EventFilter()).where()
    extra = [("merged_id = ?", merged_id)] if merged_id else []
    extra += [("story_id = ?", story_id)] if story_id else []
    extra.append(("num_reports >= ?", min_reports))
    clause = " AND ".join(c for c, _ in extra)
    where = f"{where} AND {clause}" if where else f" WHERE {clause}"
    rel = query(con, f"SELECT * EXCLUDE (article_id) FROM merged{where} "
                          "ORDER BY event_date NULLS LAST, merged_id",
                [*params, *(v for _, v in extra)])
    cols = rel.columns
    out = []
    for row in rel.fetchall():
        record = dict(zip(cols, row, strict=True))
        record["reports"] = json.loads(record["reports"])
        record["disagreements"] = json.loads(record["disagreements"])
        out.append(record)
    return out


def select_tellings(con: duckdb.DuckDBPyConnection, item_id: str
                    ) -> tuple[dict[str, Any], list[OutletTelling]]:
    """A merged event or a story, and what each outlet's reports of it say."""
    merged = select_merged(con, merged_id=item_id)
    if merged:
        head: dict[str, Any] = merged[0]
        event_ids = [r["event_id"] for r in head["reports"]]
    else:
        stories = select_stories(con, item_id)
        if not stories:
            raise StoreError(f"no merged event or story {item_id!r}; see 'legation merged' "
                             "and 'legation stories' for the ids")
        head = stories[0]
        event_ids = [r[0] for r in con.execute(
            "SELECT event_id FROM events WHERE list_contains(?, article_id)",
            [head["article_ids"]]).fetchall()]
    rows = con.execute("""
        SELECT coalesce(a.outlet, a.article_id), e.article_id, e.evidence, e."start",
               e."end", coalesce(e.source.name, e.source.code),
               coalesce(e.target.name, e.target.code)
        FROM events e JOIN articles a USING (article_id)
        WHERE list_contains(?, e.event_id)
        ORDER BY a.published NULLS LAST, e.article_id, e."start" """, [event_ids]).fetchall()
    by_outlet: dict[str, OutletTelling] = {}
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for outlet, article_id, evidence, start, end, doer, target in rows:
        t = by_outlet.setdefault(outlet, OutletTelling(outlet))
        if article_id not in t.article_ids:
            t.article_ids.append(article_id)
        if evidence not in t.sentences:
            t.sentences.append(evidence)
        t.doers += [doer] if doer else []
        t.targets += [target] if target else []
        spans.setdefault(outlet, []).append((article_id, start, end))
    for outlet, t in by_outlet.items():
        for q in quotes_of(con, t.article_ids):
            near = any(a == q["article_id"] and q["start"] <= e and s <= q["end"]
                       for a, s, e in spans[outlet])
            if near or not merged:
                speaker = q["speaker"] or {}
                t.quotes.append({"content": q["content"], "direct": q["direct"],
                                 "speaker": speaker.get("name") or speaker.get("text"),
                                 "speaker_code": speaker.get("code")})
    return head, list(by_outlet.values())


def quotes_of(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[dict[str, Any]]:
    """The quotations of these articles, in text order."""
    rel = query(con, 'SELECT * FROM quotes WHERE list_contains(?, article_id) '
                          'ORDER BY article_id, "start"', [article_ids])
    cols = rel.columns
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def _day(published: str | None) -> date | None:
    """The day of a publication date, when it is that precise."""
    try:
        return date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    except ValueError:
        return None


def _open_error(path: Path, exc: duckdb.IOException, read_only: bool) -> str:
    """Say who holds the file and what to do: DuckDB's own lock message suggests read-only
    mode, which is no help to ``legation code``."""
    text = str(exc)
    if "lock" not in text.lower():
        return f"cannot open {path}: {text}"
    pid = re.search(r"\(PID (\d+)\)", text)
    command = _command_of(int(pid.group(1))) if pid else None
    who = (f"Another process (PID {pid.group(1)}" + (f": {command}" if command else "") + ")"
           if pid else "Another process")
    if read_only:
        return (f"{who} is writing {path}; wait until it has finished, then try again.")
    if command and " serve" in f" {command}":
        return (f"{who} is serving {path} and holds it while it serves, so nothing can be "
                "coded into it now. Stop the server, or code into another file.")
    return (f"{who} has {path} open, so nothing can be coded into it now. Wait until it has "
            "finished (or stop it), or code into another file.")


def _command_of(pid: int) -> str | None:
    """The command line of process ``pid`` (Linux /proc), to name who holds a lock."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [w.decode("utf-8", "replace") for w in raw.split(b"\0") if w]
    if words and "python" in Path(words[0]).name:
        words = words[1:]  # "python .../legation code x" reads as "legation code x"
    if not words:
        return None
    return " ".join([Path(words[0]).name, *words[1:]])[:120]
