"""The storage schema, declared once: DuckDB's DDL, the Arrow schemas the store writes with and
the flat CSV columns all come from the table specs below, so a new column is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

ACTOR_FIELDS = (("code", "str"), ("country", "str"), ("sector", "str"), ("name", "str"),
                ("text", "str"), ("start", "i32"), ("end", "i32"), ("kb_id", "str"))
PLACE_FIELDS = (("name", "str"), ("geonames_id", "i64"), ("lat", "f64"), ("lon", "f64"),
                ("country", "str"), ("feature", "str"), ("basis", "str"))

_SQL = {"str": "VARCHAR", "i8": "TINYINT", "i32": "INTEGER", "i64": "BIGINT", "f64": "DOUBLE",
        "bool": "BOOLEAN", "ts": "TIMESTAMP"}
_ARROW = {"str": pa.string(), "i8": pa.int8(), "i32": pa.int32(), "i64": pa.int64(),
          "f64": pa.float64(), "bool": pa.bool_(), "ts": pa.timestamp("us")}
_STRUCTS = {"actor": ACTOR_FIELDS, "place": PLACE_FIELDS}


@dataclass(frozen=True)
class Column:
    """One column: a name, a kind (a key of ``_SQL`` or of ``_STRUCTS``) and SQL constraints."""

    name: str
    kind: str
    constraint: str = ""

    def sql_type(self) -> str:
        if self.kind in _STRUCTS:
            fields = ", ".join(f'"{n}" {_SQL[k]}' for n, k in _STRUCTS[self.kind])
            return f"STRUCT({fields})"
        return _SQL[self.kind]

    def sql(self) -> str:
        return " ".join(p for p in (f'"{self.name}"', self.sql_type(), self.constraint) if p)

    def arrow(self) -> pa.Field:
        if self.kind in _STRUCTS:
            return pa.field(self.name, pa.struct([(n, _ARROW[k]) for n, k in _STRUCTS[self.kind]]))
        return pa.field(self.name, _ARROW[self.kind])


def _cols(spec: str) -> tuple[Column, ...]:
    """Columns from ``name:kind[:constraint]`` entries separated by commas at the top level
    (constraints hold no commas)."""
    out = []
    for entry in spec.split(","):
        name, kind, *rest = (p.strip() for p in entry.strip().split(":", 2))
        out.append(Column(name, kind, rest[0] if rest else ""))
    return tuple(out)


_ACTOR_SIDES = "source:actor, target:actor"


def _code(checked: bool) -> str:
    """The code columns of a report (checked on insert) and of a merged event (built from
    checked reports)."""
    c = {"cameo": ":NOT NULL", "cameo_root": ":NOT NULL",
         "quad_class": ":CHECK (quad_class BETWEEN 1 AND 4)",
         "goldstein": ":CHECK (goldstein BETWEEN -10 AND 10)"} if checked else {}
    return (f"cameo:str{c.get('cameo', '')}, cameo_root:str{c.get('cameo_root', '')}, "
            f"quad_class:i8{c.get('quad_class', '')}, goldstein:f64{c.get('goldstein', '')}, "
            "plover_type:str, plover_mode:str, negated:bool, modality:str")


TABLES: dict[str, tuple[Column, ...]] = {
    "meta": _cols("key:str:PRIMARY KEY, value:str"),
    "articles": _cols(
        "article_id:str:PRIMARY KEY, source:str, content_hash:str:NOT NULL, outlet:str, "
        "title:str, url:str, author:str, published:str, published_precision:str, "
        "published_basis:str, text:str:NOT NULL, coder_version:str, model:str, "
        "knowledge_hash:str, coded_at:ts"),
    "events": _cols(
        "event_id:str:PRIMARY KEY, article_id:str:NOT NULL, sentence:i32, start:i32:NOT NULL, "
        f"end:i32:NOT NULL, evidence:str, {_ACTOR_SIDES}, {_code(True)}, claimed_by:actor, "
        "event_date:str, date_precision:str, date_basis:str, place:place, "
        "confidence:f64:CHECK (confidence BETWEEN 0 AND 1), mentions:i32, reciprocal:bool"),
    "mentions": _cols(
        "article_id:str:NOT NULL, start:i32, end:i32, text:str, code:str, country:str, "
        "sector:str, name:str, kb_id:str, rule:str"),
    "quotes": _cols(
        "article_id:str:NOT NULL, start:i32, end:i32, content:str, direct:bool, cue:str, "
        "speaker:actor, relay:actor"),
    "places": _cols(
        "article_id:str:NOT NULL, start:i32, end:i32, text:str, name:str, geonames_id:i64, "
        "lat:f64, lon:f64, country:str, feature:str, rule:str"),
    "stories": _cols("story_id:str, article_id:str"),
    "article_terms": _cols("article_id:str, term:str, n:i32"),
    "merged": _cols(
        f"merged_id:str:PRIMARY KEY, story_id:str, article_id:str, {_ACTOR_SIDES}, "
        f"{_code(False)}, "
        "event_date:str, date_precision:str, place:place, num_reports:i32, num_articles:i32, "
        "num_outlets:i32, first_published:str, last_published:str, reports:str, "
        "disagreements:str"),
    "merged_reports": _cols("merged_id:str, event_id:str, block:str"),
    "runs": _cols(
        "started:ts, finished:ts, inputs:i32, coded:i32, unchanged:i32, failed:i32, events:i32, "
        "failures:str, run_id:str, command:str, input_paths:str, options:str, "
        "coder_version:str, model:str, knowledge_hash:str, undated:i32"),
}


def ddl() -> str:
    """CREATE TABLE statements for every table (idempotent)."""
    return "\n".join(
        f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(c.sql() for c in cols)});"
        for name, cols in TABLES.items())


def added_columns(table: str, existing: list[str]) -> list[str]:
    """ALTER statements for the spec's columns a table made by an older version lacks (added
    without constraints: DuckDB adds none to existing rows)."""
    return [f'ALTER TABLE {table} ADD COLUMN "{c.name}" {c.sql_type()}'
            for c in TABLES[table] if c.name not in existing]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``: rows written with it insert by position."""
    return pa.schema([c.arrow() for c in TABLES[table]])


def flat_columns(table: str) -> str:
    """A SELECT list with each struct column spread into ``column_field`` columns (CSV)."""
    cols = []
    for c in TABLES[table]:
        if c.kind in _STRUCTS:
            cols += [f'"{c.name}"."{f}" AS {c.name}_{f}' for f, _ in _STRUCTS[c.kind]]
        else:
            cols.append(f'"{c.name}"')
    return ", ".join(cols)
