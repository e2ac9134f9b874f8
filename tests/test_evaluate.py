"""Scoring against gold (FORMAT.md): matching rules, denominators, errors — no model needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.errors import GoldError
from legation.evaluate import GoldEvent, align, load_gold, score


def ev(src: str | None, cameo: str, tgt: str | None, **kw: object) -> dict:
    return {"source": {"code": src} if src else None, "target": {"code": tgt} if tgt else None,
            "cameo": cameo, **kw}


def write(tmp_path: Path, units: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(u) for u in units) + "\n")
    return path


def test_actor_match_on_country_prefix_and_reciprocal() -> None:
    gold = [GoldEvent(("USA",), ("RUS",), "042", None, reciprocal=True)]
    assert align(gold, [ev("RUSGOV", "043", "USAGOV")], "root") == [(0, 0)]
    assert align(gold, [ev("RUSGOV", "043", "USAGOV")], "full") == []
    assert align(gold, [ev("RUSGOV", "043", "USAGOV")], "root", full_actors=True) == []
    one_way = [GoldEvent(("USA",), ("RUS",), "042", None)]
    assert align(one_way, [ev("RUSGOV", "042", "USAGOV")], "root") == []


def test_each_gold_event_matched_once(tmp_path: Path) -> None:
    units = load_gold(write(tmp_path, [
        {"id": "u1", "text": "x", "events": [{"source": "USA", "target": "RUS", "cameo": "040"}]},
    ]))
    coded = {"u1": [ev("USA", "040", "RUS"), ev("USA", "042", "RUS")]}
    report = score(units, coded).as_dict()
    assert report["root"]["tp"] == 1
    assert report["root"]["precision"] == pytest.approx(0.5)
    assert report["root"]["recall"] == 1.0


def test_roots_lists_non_exhaustive_and_empty_units(tmp_path: Path) -> None:
    units = load_gold(write(tmp_path, [
        {"id": "a", "text": "x", "events": [{"source": None, "target": None,
                                            "roots": ["14", "18"]}], "exhaustive": False},
        {"id": "b", "text": "y", "events": []},
        {"id": "c", "text": "z", "events": []},
    ]))
    coded = {"a": [ev("SYR", "183", None), ev("SYR", "010", "TUR")], "b": [ev("A", "010", "B")]}
    report = score(units, coded).as_dict()
    assert report["root"]["recall"] == 1.0
    assert report["root"]["coded"] == 1  # non-exhaustive units do not count against precision
    assert report["no_event_false_positive_rate"] == pytest.approx(0.5)


def test_dates_and_places_scored_on_matched_pairs(tmp_path: Path) -> None:
    units = load_gold(write(tmp_path, [
        {"id": "a", "text": "x", "events": [{"source": "SYR", "target": "RUS", "cameo": "042",
                                            "date": "2015-10-20", "place": "Moscow"}]},
    ]))
    coded = {"a": [ev("SYRGOV", "042", "RUS", event_date="2015-10-20",
                      place={"name": "Moscow"})]}
    report = score(units, coded).as_dict()
    assert report["date_accuracy"] == 1.0 and report["place_accuracy"] == 1.0


def test_actor_span_recall(tmp_path: Path) -> None:
    text = "Iraqi troops attacked the town."
    units = load_gold(write(tmp_path, [
        {"id": "a", "text": text, "actors": {"source": ["Iraqi troops"], "target": ["the town"],
                                             "reciprocal": []}}]))
    coded = {"a": [{"cameo": "190", "source": {"code": "IRQMIL", "start": 0, "end": 12},
                    "target": None}]}
    spans = score(units, coded).as_dict()["actor_span_recall"]
    assert spans == {"source": 1.0, "target": 0.0}


@pytest.mark.parametrize("line, message", [
    ("not json", "not JSON"),
    ('{"id": 1}', "needs a string 'text'"),
    ('{"text": "x"}', "needs 'events'"),
    ('{"text": "x", "events": [{"cameo": 42}]}', "cameo must be"),
    ('{"text": "x", "events": [{"source": 5, "cameo": "042"}]}', "actor must be"),
])
def test_malformed_gold_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"text": "ok", "events": []}\n' + line + "\n")
    with pytest.raises(GoldError, match=rf"g\.jsonl:2: .*{message}"):
        load_gold(path)
