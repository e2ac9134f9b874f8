"""The DuckDB store: idempotent writes, one transaction per article, filters, exports."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from legation.errors import StoreError
from legation.records import Actor, Article, Coded, Event
from legation.store import SCHEMA_VERSION, EventFilter, Provenance, Store

PROV = Provenance("test", "model==0", "kb0")


def article(aid: str = "a1", text: str = "Russia met the United States.") -> Article:
    return Article(id=aid, text=text, clean=text, source=f"{aid}.txt", content_hash="h-" + text,
                   outlet="Wire", published="2015-10-20", published_precision="day")


def event(aid: str, n: int, *, date: str | None = "2015-10-20", src: str = "RUS",
          tgt: str = "USA", goldstein: float = 1.0) -> Event:
    return Event(
        event_id=f"{aid}-{n}", article_id=aid, sentence=0, start=0, end=6, evidence="Russia met",
        source=Actor(src + "GOV", src, "GOV", src, "Russia", 0, 6),
        target=Actor(tgt, tgt, None, tgt, "the United States", 11, 28),
        cameo="040", cameo_root="04", quad_class=1, goldstein=goldstein,
        plover_type="CONSULT", plover_mode=None, event_date=date,
        date_precision="day" if date else None, date_basis="publication" if date else None,
    )


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_rewrite_replaces_instead_of_duplicating(store: Store) -> None:
    a = article()
    store.write_article(Coded(a, [event("a1", 1), event("a1", 2)], []), PROV)
    store.write_article(Coded(a, [event("a1", 1)], []), PROV)
    assert store.counts()["events"] == 1
    assert store.counts()["articles"] == 1


def test_failed_write_keeps_previous_records(store: Store) -> None:
    a = article()
    store.write_article(Coded(a, [event("a1", 1), event("a1", 2)], []), PROV)
    bad = event("a1", 3, goldstein=99.0)  # violates the CHECK constraint mid-transaction
    with pytest.raises(duckdb.Error):
        store.write_article(Coded(replace(a, content_hash="new"), [event("a1", 4), bad], []), PROV)
    assert sorted(e["event_id"] for e in store.iter_events()) == ["a1-1", "a1-2"]
    assert store.con.execute("SELECT content_hash FROM articles").fetchall()[0][0] == a.content_hash


def test_is_current_tracks_text_and_provenance(store: Store) -> None:
    a = article()
    assert not store.is_current(a, PROV)
    store.write_article(Coded(a, [], []), PROV)
    assert store.is_current(a, PROV)
    assert not store.is_current(replace(a, content_hash="changed"), PROV)
    assert not store.is_current(a, replace(PROV, knowledge_hash="kb1"))


def test_filters(store: Store) -> None:
    store.write_article(Coded(article("a1"), [event("a1", 1), event("a1", 2, src="USA", tgt="RUS"),
                                         event("a1", 3, date=None),
                                         event("a1", 4, date="2016-02")], []), PROV)

    def ids(**kw: object) -> list[str]:
        return sorted(e["event_id"] for e in store.iter_events(EventFilter(**kw)))

    assert ids(source="RUS") == ["a1-1", "a1-3", "a1-4"]
    assert ids(source="usagov", target="RUS") == ["a1-2"]  # code prefix, any case
    assert ids(since="2016-01-01") == ["a1-4"]
    assert ids(since="2016-02-10") == ["a1-4"]  # a month-precision date reaches into its month
    assert ids(until="2015-12-31") == ["a1-1", "a1-2"]
    assert ids(until="2015-12-31", include_undated=True) == ["a1-1", "a1-2", "a1-3"]
    assert ids(article="nope") == []


def test_exports_round_trip(store: Store, tmp_path: Path) -> None:
    from legation.exports import export

    store.write_article(Coded(article(), [event("a1", 1)], []), PROV)
    assert export(store.con, tmp_path / "e.jsonl", "jsonl") == 1
    row = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])
    assert row["source"]["code"] == "RUSGOV" and row["cameo"] == "040"
    assert row["merged_id"].startswith("M-") and "outlet" in row and "published" in row
    export(store.con, tmp_path / "e.csv", "csv")
    with (tmp_path / "e.csv").open() as f:
        flat = next(csv.DictReader(f))
    assert flat["source_code"] == "RUSGOV" and flat["target_country"] == "USA"
    export(store.con, tmp_path / "e.parquet", "parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column("source").to_pylist()[0]["country"] == "RUS"


def test_missing_database_read_only_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="schema version"):
        Store(path)


def test_file_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb,sys,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="Another process"):
            Store(path)
    finally:
        holder.communicate("")


def test_an_actor_is_a_country_or_a_code_prefix_in_sql_and_in_records() -> None:
    import duckdb

    from legation.store import actor_is, actor_record_is

    con = duckdb.connect()
    con.execute("CREATE TABLE t (a STRUCT(code VARCHAR, country VARCHAR))")
    con.execute("INSERT INTO t VALUES ({'code': 'RUSGOV', 'country': 'RUS'}), "
                "({'code': 'IGOUNO', 'country': NULL}), ({'code': 'USAGOV', 'country': 'USA'})")
    def codes(want: str) -> list[str]:
        return [r[0] for r in con.execute(f"SELECT a.code FROM t WHERE {actor_is('a')}",
                                          [want, want]).fetchall()]
    assert (codes("RUS"), codes("IGO"), codes("USAGOVX")) == (["RUSGOV"], ["IGOUNO"], [])
    assert actor_record_is({"code": "RUSGOV", "country": "RUS"}, "rus")
    assert not actor_record_is(None, "RUS")
    assert not actor_record_is({"code": "IGOUNO", "country": None}, "UNO")


def test_a_lock_refusal_names_the_process_that_holds_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "held.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(path)], stdout=subprocess.PIPE,
        text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as refused:
            Store(path)
        message = str(refused.value)
        assert f"PID {holder.pid}" in message and "time.sleep" in message
        assert "serv" not in message  # it is not a server that holds it
    finally:
        holder.kill()
        holder.wait()
