"""Orchestration: a batch written together still isolates the one article that cannot be stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from test_store import PROV, article, event

from legation.records import Coded, ReadFailure
from legation.run import _store
from legation.store import Store


def test_bad_record_fails_only_its_article(tmp_path: Path) -> None:
    batch = [Coded(article(f"a{i}"), [event(f"a{i}", 1)], []) for i in range(4)]
    bad = batch[2]
    batch[2] = replace(bad, events=[event("a2", 1, goldstein=99.0)])  # breaks a CHECK
    failures: list[ReadFailure] = []
    with Store(tmp_path / "x.duckdb") as store:
        stored = _store(store, PROV, batch, failures)
        ids = sorted(r[0] for r in store.con.execute("SELECT article_id FROM articles").fetchall())
    assert [r.article.id for r in stored] == ["a0", "a1", "a3"]
    assert ids == ["a0", "a1", "a3"]
    assert len(failures) == 1 and failures[0].source == "a2.txt"
    assert "storing failed" in failures[0].reason
