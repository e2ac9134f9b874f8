"""Scoring against gold (FORMAT.md): matching rules, denominators, errors — no model needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legation.cli import app
from legation.errors import GoldError
from legation.evaluate import FAILURES, GoldEvent, align, classify_miss, load_gold, score

QUIET = "The weather was mild in Ankara on Sunday."  # the coder codes nothing here
CONDEMN = "Turkey condemned Russia over the incident."  # TUR 111 RUS


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
    assert report["root"]["coded"] == 3  # coded counts every unit …
    assert report["root"]["coded_exhaustive"] == 1  # … precision only the exhaustive ones
    assert report["root"]["precision"] == 0.0
    assert report["exhaustive_units"] == 2
    assert report["no_event_units_coded"] == 1
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
    ("[1]", "must be a JSON object"),
    ('{"text": 5, "events": []}', "needs a string 'text'"),
    ('{"text": "x", "events": 5}', "'events' must be a list"),
    ('{"text": "x", "actors": ["Iraq"]}', "'actors' must map"),
    ('{"text": "x", "events": [{"roots": 14}]}', "roots must be a list"),
    ('{"text": "x"}', "needs 'events'"),
    ('{"text": "x", "events": [{"cameo": 42}]}', "cameo must be"),
    ('{"text": "x", "events": [{"source": 5, "cameo": "042"}]}', "actor must be"),
])
def test_malformed_gold_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"text": "ok", "events": []}\n' + line + "\n")
    with pytest.raises(GoldError, match=rf"g\.jsonl:2: .*{message}"):
        load_gold(path)


USA_RUS = GoldEvent(("USA",), ("RUS",), "042", None)


@pytest.mark.parametrize("gold, coded, expected", [
    (USA_RUS, [], "nothing coded"),
    (USA_RUS, [ev("USAGOV", "040", None)], "target missing"),
    (USA_RUS, [ev("FRA", "043", "RUSGOV")], "source wrong"),
    (USA_RUS, [ev("USA", "042", "FRA")], "target wrong"),
    (USA_RUS, [ev("USA", "190", "RUS")], "root wrong"),
    (USA_RUS, [ev("FRA", "042", "DEU")], "all wrong"),
    (USA_RUS, [ev("RUS", "042", "USA")], "all wrong"),  # not reciprocal: order counts
    (GoldEvent(("USA",), ("RUS",), "042", None, reciprocal=True), [ev("RUS", "190", "USA")],
     "root wrong"),
    (GoldEvent(("USA", "GBR"), ("RUS",), None, ("04", "05")), [ev("GBR", "190", "RUS")],
     "root wrong"),
    (GoldEvent(("USA",), None, "042", None), [ev("FRA", "042", None)], "source wrong"),
    # the nearest coded event decides, and of equally near ones the class checked first
    (USA_RUS, [ev("FRA", "190", "DEU"), ev("USA", "042", "FRA")], "target wrong"),
    (USA_RUS, [ev("USA", "190", "RUS"), ev("USA", "042", None)], "target missing"),
    # a matching event was taken by another gold event: nothing is left for this one
    (USA_RUS, [ev("USA", "042", "RUS")], "nothing coded"),
])
def test_classify_miss(gold: GoldEvent, coded: list[dict], expected: str) -> None:
    assert classify_miss(gold, coded) == expected


def test_failures_counted_in_order(tmp_path: Path) -> None:
    units = load_gold(write(tmp_path, [
        {"id": "a", "text": "x", "events": [{"source": "USA", "target": "RUS", "cameo": "042"},
                                            {"source": "USA", "target": "RUS", "cameo": "042"}]},
        {"id": "b", "text": "y", "events": [{"source": "TUR", "target": "SYR", "cameo": "190"}]},
    ]))
    report = score(units, {"a": [ev("USA", "042", "RUS")], "b": [ev("TUR", "190", None)]})
    failures = report.as_dict()["failures"]
    assert list(failures) == list(FAILURES)
    assert failures == {**dict.fromkeys(FAILURES, 0), "nothing coded": 1, "target missing": 1}
    assert [m["failure"] for m in report.misses] == ["nothing coded", "target missing"]


runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["eval", *args], env={"COLUMNS": "200"})


def test_eval_cli_failures_and_no_misses(tmp_path: Path) -> None:
    gold = write(tmp_path, [
        {"id": "hit", "text": CONDEMN,
         "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
        {"id": "quiet", "text": QUIET,
         "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
    ])
    report = json.loads(run(str(gold), "--json").stdout)
    assert report["root"]["recall"] == 0.5
    assert report["failures"] == {**dict.fromkeys(FAILURES, 0), "nothing coded": 1}
    assert [m["id"] for m in report["miss_examples"]] == ["quiet"]
    assert json.loads(run(str(gold), "--json", "--no-misses").stdout)["miss_examples"] == []
    shown = run(str(gold)).stdout
    assert "miss (nothing coded) quiet" in shown
    figures = run(str(gold), "--no-misses")
    assert figures.exit_code == 0, figures.output
    assert "nothing coded" in figures.stdout and "100.0%" in figures.stdout
    assert "miss (" not in figures.stdout


def test_eval_cli_counts_coded_in_non_exhaustive_units(tmp_path: Path) -> None:
    gold = write(tmp_path, [
        {"id": "a", "text": CONDEMN, "exhaustive": False,
         "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
    ])
    report = json.loads(run(str(gold), "--json").stdout)
    assert report["root"]["coded"] >= 1 and report["root"]["coded_exhaustive"] == 0
    assert report["exhaustive_units"] == 0 and report["root"]["precision"] is None
    assert "no exhaustive units" in run(str(gold)).stdout


def test_eval_cli_skips_units_without_text(tmp_path: Path) -> None:
    gold = write(tmp_path, [
        {"id": "blank", "text": "", "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
        {"id": "untitled", "events": []},
        {"id": "a", "text": CONDEMN,
         "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
    ])
    result = run(str(gold), "--json")
    assert result.exit_code == 0, result.output
    assert "skipping unit blank" in result.stderr and "skipping unit untitled" in result.stderr
    report = json.loads(result.stdout)
    assert report["units"] == 1 and report["root"]["gold"] == 1 and report["misses"] == 0


def test_eval_cli_bad_line_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"text": QUIET, "events": []}) + "\n{bad\n")
    result = run(str(gold))
    assert result.exit_code == 1
    assert "g.jsonl:2: not JSON" in result.stderr and "Traceback" not in result.output
