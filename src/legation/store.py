"""The DuckDB store: schema, one transaction per article, queries and exports.

Re-coding an article replaces all its records inside one transaction, so a re-run adds no
duplicates and a crash (or a bad record) leaves the previous state intact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from legation.errors import StoreError
from legation.records import Article, Coded, Event

SCHEMA_VERSION = 1
DEFAULT_DB = "legation.duckdb"

ACTOR_TYPE = (
    "STRUCT(code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR, "
    '"start" INTEGER, "end" INTEGER, kb_id VARCHAR)'
)
PLACE_TYPE = (
    "STRUCT(name VARCHAR, geonames_id BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR, "
    "feature VARCHAR, basis VARCHAR)"
)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY, source VARCHAR, content_hash VARCHAR NOT NULL,
    outlet VARCHAR, title VARCHAR, url VARCHAR, author VARCHAR,
    published VARCHAR, published_precision VARCHAR, published_basis VARCHAR,
    text VARCHAR NOT NULL, coder_version VARCHAR, model VARCHAR, knowledge_hash VARCHAR,
    coded_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, evidence VARCHAR,
    source {ACTOR_TYPE}, target {ACTOR_TYPE},
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL,
    quad_class TINYINT CHECK (quad_class BETWEEN 1 AND 4),
    goldstein DOUBLE CHECK (goldstein BETWEEN -10 AND 10),
    plover_type VARCHAR, plover_mode VARCHAR, negated BOOLEAN, modality VARCHAR,
    claimed_by {ACTOR_TYPE}, event_date VARCHAR, date_precision VARCHAR, date_basis VARCHAR,
    place {PLACE_TYPE},
    confidence DOUBLE CHECK (confidence BETWEEN 0 AND 1), mentions INTEGER
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER,
    text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR,
    kb_id VARCHAR, rule VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER, content VARCHAR,
    direct BOOLEAN, cue VARCHAR, speaker {ACTOR_TYPE}, relay {ACTOR_TYPE}
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER, text VARCHAR,
    name VARCHAR, geonames_id BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR,
    feature VARCHAR, rule VARCHAR
);
CREATE TABLE IF NOT EXISTS stories (story_id VARCHAR, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    started TIMESTAMP, finished TIMESTAMP, inputs INTEGER, coded INTEGER,
    unchanged INTEGER, failed INTEGER, events INTEGER, failures VARCHAR
);
"""

ARTICLE_TABLES = ("events", "mentions", "quotes", "places", "stories", "articles")

_ACTOR_FIELDS = [
    ("code", pa.string()), ("country", pa.string()), ("sector", pa.string()),
    ("name", pa.string()), ("text", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("kb_id", pa.string()),
]
_PLACE_FIELDS = [
    ("name", pa.string()), ("geonames_id", pa.int64()), ("lat", pa.float64()),
    ("lon", pa.float64()), ("country", pa.string()), ("feature", pa.string()),
    ("basis", pa.string()),
]
EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("sentence", pa.int32()),
    ("start", pa.int32()), ("end", pa.int32()), ("evidence", pa.string()),
    ("source", pa.struct(_ACTOR_FIELDS)), ("target", pa.struct(_ACTOR_FIELDS)),
    ("cameo", pa.string()), ("cameo_root", pa.string()), ("quad_class", pa.int8()),
    ("goldstein", pa.float64()), ("plover_type", pa.string()), ("plover_mode", pa.string()),
    ("negated", pa.bool_()), ("modality", pa.string()),
    ("claimed_by", pa.struct(_ACTOR_FIELDS)), ("event_date", pa.string()),
    ("date_precision", pa.string()), ("date_basis", pa.string()),
    ("place", pa.struct(_PLACE_FIELDS)), ("confidence", pa.float64()),
    ("mentions", pa.int32()),
])

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("source", pa.string()), ("content_hash", pa.string()),
    ("outlet", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("author", pa.string()), ("published", pa.string()), ("published_precision", pa.string()),
    ("published_basis", pa.string()), ("text", pa.string()), ("coder_version", pa.string()),
    ("model", pa.string()), ("knowledge_hash", pa.string()), ("coded_at", pa.timestamp("us")),
])
MENTION_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("text", pa.string()), ("code", pa.string()), ("country", pa.string()),
    ("sector", pa.string()), ("name", pa.string()), ("kb_id", pa.string()),
    ("rule", pa.string()),
])

PLACE_ROW_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("text", pa.string()), ("name", pa.string()), ("geonames_id", pa.int64()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
    ("feature", pa.string()), ("rule", pa.string()),
])

QUOTE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("content", pa.string()), ("direct", pa.bool_()), ("cue", pa.string()),
    ("speaker", pa.struct(_ACTOR_FIELDS)), ("relay", pa.struct(_ACTOR_FIELDS)),
])

ExportFormat = Literal["jsonl", "csv", "parquet"]


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
        if read_only and not self.path.exists():
            raise StoreError(f"database {self.path} does not exist; code something into it first "
                             f"with 'legation code INPUT --db {self.path}'")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(_open_error(self.path, exc, read_only)) from exc
        if not read_only:
            self._migrate()
        self._check_version()

    def _migrate(self) -> None:
        self.con.execute(SCHEMA)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
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
        row = self.one("SELECT content_hash, coder_version, model, knowledge_hash FROM articles "
                       "WHERE article_id = ?", [article.id])
        return row == (article.content_hash, prov.coder_version, prov.model, prov.knowledge_hash)

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
        new_events = events_table(e for c in items for e in c.events)  # noqa: F841
        new_mentions = pa.Table.from_pylist([  # noqa: F841
            {"article_id": c.article.id, "start": m.start, "end": m.end, "text": m.text,
             "code": m.code, "country": m.country, "sector": m.sector, "name": m.name,
             "kb_id": m.kb_id, "rule": m.rule} for c in items for m in c.mentions],
            schema=MENTION_SCHEMA)
        new_places = pa.Table.from_pylist(  # noqa: F841
            [p.record(c.article.id) for c in items for p in c.places], schema=PLACE_ROW_SCHEMA)
        new_quotes = pa.Table.from_pylist(  # noqa: F841
            [q.record(c.article.id) for c in items for q in c.quotes], schema=QUOTE_SCHEMA)
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ARTICLE_TABLES:
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
            con.execute("INSERT INTO articles SELECT * FROM new_articles")
            con.execute("INSERT INTO events SELECT * FROM new_events")
            con.execute("INSERT INTO mentions SELECT * FROM new_mentions")
            con.execute("INSERT INTO places SELECT * FROM new_places")
            con.execute("INSERT INTO quotes SELECT * FROM new_quotes")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def write_article(self, coded: Coded, prov: Provenance) -> None:
        """Replace everything stored for one article in one transaction."""
        self.write_articles([coded], prov)

    def record_run(self, started: datetime, summary: dict[str, Any]) -> None:
        """Keep the summary of one ``legation code`` run, failures included."""
        self.con.execute(
            "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?)",
            [started, datetime.now(UTC), summary["inputs"], summary["coded"],
             summary["unchanged"], summary["failed"], summary["events"],
             json.dumps(summary["failures"])],
        )

    # -- reading ------------------------------------------------------------------------------

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

    def export(self, out: Path, fmt: ExportFormat, flt: EventFilter | None = None) -> int:
        """Write events to ``out``; CSV flattens actor and place structs to ``source_code`` …"""
        if fmt == "jsonl":
            n = 0
            with out.open("w", encoding="utf-8") as sink:
                for n, row in enumerate(self.iter_events(flt), 1):  # noqa: B007
                    sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return n
        rel = self.events(flt)
        if fmt == "csv":
            rel.select(_flat_columns()).write_csv(str(out), header=True)
        else:
            rel.write_parquet(str(out))
        return len(rel)

    def quotes(self, speaker: str | None = None, article: str | None = None
               ) -> Iterator[dict[str, Any]]:
        """Stored quotations; ``speaker`` matches a country or a code prefix."""
        rel = select_quotes(self.con, speaker, article)
        cols = rel.columns
        for row in rel.fetchall():
            yield dict(zip(cols, row, strict=True))

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
    # event_id breaks ties, so that pages never repeat or skip an event
    sql = (f'SELECT * FROM events{where} '
           'ORDER BY event_date NULLS LAST, article_id, "start", event_id')
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return query(con, sql, params)


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


def _open_error(path: Path, exc: duckdb.IOException, read_only: bool) -> str:
    """Say who holds the file and what to do: DuckDB's own lock message suggests read-only
    mode, which is no help to ``legation code``."""
    text = str(exc)
    if "lock" not in text.lower():
        return f"cannot open {path}: {text}"
    pid = re.search(r"\(PID (\d+)\)", text)
    who = f"Another process (PID {pid.group(1)})" if pid else "Another process"
    if read_only:
        return (f"{who} is writing {path} (e.g. 'legation code'); wait until it has finished, "
                "then try again.")
    return (f"{who} has {path} open (e.g. 'legation serve', which holds it while it serves), so "
            "nothing can be coded into it now. Stop that process, or code into another file.")


def events_table(events: Iterable[Event]) -> pa.Table:
    """Events as an Arrow table in the column order of the ``events`` table."""
    rows = [e.to_dict() for e in events]
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def _flat_columns() -> str:
    cols = ["event_id", "article_id", "sentence", '"start"', '"end"', "evidence"]
    for side in ("source", "target", "claimed_by"):
        cols += [f'{side}."{f}" AS {side}_{f}' for f, _ in _ACTOR_FIELDS]
    cols += ["cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode",
             "negated", "modality", "event_date", "date_precision", "date_basis"]
    cols += [f'place."{f}" AS place_{f}' for f, _ in _PLACE_FIELDS]
    cols += ["confidence", "mentions"]
    return ", ".join(cols)
