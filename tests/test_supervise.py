"""--article-timeout: a stuck article is stopped and named, and the rest of the run goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import CORPUS, run_cli

from legation.read import read_text
from legation.records import Article, Coded, ReadFailure
from legation.store import Store
from legation.supervise import code_with_timeout


def export(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in store.iter_events())


def test_a_tiny_limit_stops_every_article_and_names_each(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    result = run_cli("code", str(CORPUS), "--manifest", str(CORPUS / "manifest.jsonl"),
                     "--db", str(db), "--article-timeout", "0.000001")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    names = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    for name in names:
        assert f"{name}: coding took longer than" in " ".join(result.output.split())
    assert f"0 coded, 0 unchanged (skipped; --force re-codes), {len(names)} failed" in \
        " ".join(result.output.split())
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    again = run_cli("code", str(CORPUS), "--manifest", str(CORPUS / "manifest.jsonl"),
                    "--db", str(db))
    assert again.exit_code == 0 and f"{len(names)} coded" in again.output


def test_a_limit_not_reached_stores_what_an_unsupervised_run_stores(tmp_path: Path) -> None:
    for name, extra in (("plain", []), ("limited", ["--article-timeout", "600",
                                                      "--workers", "2"])):
        result = run_cli("code", str(CORPUS), "--manifest", str(CORPUS / "manifest.jsonl"),
                         "--db", str(tmp_path / f"{name}.duckdb"), *extra)
        assert result.exit_code == 0, result.output
    assert export(tmp_path / "plain.duckdb") == export(tmp_path / "limited.duckdb")


def _dies_on_b(article: Article) -> Coded | ReadFailure:
    if article.id == "b":
        os._exit(3)  # the worker process ends without an answer
    return Coded(article, [], [])


def test_a_worker_that_dies_fails_its_article_only_and_order_is_kept() -> None:
    articles = [read_text(f"{x} text.", f"{x}.txt", article_id=x) for x in "abcde"]
    results = list(code_with_timeout(_dies_on_b, articles, timeout=60, workers=2))
    assert [r.source if isinstance(r, ReadFailure) else r.article.id for r in results] == \
        ["a", "b.txt", "c", "d", "e"]
    assert "worker process died" in results[1].reason


def test_the_limit_is_refused_on_a_cluster_and_must_be_positive() -> None:
    for extra in (["--article-timeout", "0"], ["--article-timeout", "5",
                                               "--scheduler", "local:1"]):
        result = run_cli("code", str(CORPUS), *extra)
        assert result.exit_code == 2 and "--article-timeout" in result.output
