"""Quotes through the whole path: stored with their speakers, listed, and feeding claimed_by."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from legation.cli import app
from legation.run import Coder

runner = CliRunner()
TEXT = (
    "Kremlin spokesman Dmitry Peskov spoke to reporters on Tuesday.\n\n"
    "\u2018Turkey condemned Israel again. Egypt praised Iran for its restraint,\u2019 Peskov said."
    "\n\nLavrov said that talks would resume.\n"
)


def test_event_inside_a_quotation_is_claimed_by_its_speaker() -> None:
    coded = Coder().code_text(TEXT, published="2016-09-21")
    egypt = next(e for e in coded.events if e.source.country == "EGY")
    turkey = next(e for e in coded.events if e.source.country == "TUR")
    for event in (egypt, turkey):
        assert event.claimed_by is not None and event.claimed_by.country == "RUS"
        assert "Peskov" in (event.claimed_by.name or "")


def test_quotes_are_stored_and_listed(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    assert runner.invoke(app, ["code", str(article), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["quotes", "--db", db, "--speaker", "RUS", "--json"])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert rows and all(r["speaker"]["country"] == "RUS" for r in rows)
    keys = {"article_id", "start", "end", "content", "direct", "cue", "speaker", "relay"}
    assert all(r.keys() >= keys for r in rows)
    direct = next(r for r in rows if r["direct"])
    assert TEXT[direct["start"]:direct["end"]] == direct["content"]
    assert "Turkey condemned" in direct["content"]
    from_file = runner.invoke(app, ["quotes", str(article), "--json"])
    assert [json.loads(x)["content"] for x in from_file.stdout.splitlines()] == \
        [r["content"] for r in json.loads("[" + ",".join(
            runner.invoke(app, ["quotes", "--db", db, "--json"]).stdout.splitlines()) + "]")]
    none = runner.invoke(app, ["quotes", "--db", db, "--speaker", "USA", "--json"])
    assert none.stdout.strip() == ""
