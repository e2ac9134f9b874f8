"""Scorers of the extractor gold sets: time values, actor mentions, quote speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.errors import GoldError
from legation.extract.times import TimeExpression
from legation.gold_actors import is_mention_gold, load_mention_gold, score_mentions
from legation.gold_quotes import is_quote_gold, load_quote_gold, score_quotes
from legation.gold_times import is_time_gold, load_time_gold, score_times
from legation.records import Actor, Quote


def _write(path: Path, unit: dict) -> Path:
    path.write_text(json.dumps(unit) + "\n")
    return path


def _time(start: int, end: int, value: str | None, kind: str = "DATE") -> TimeExpression:
    return TimeExpression(start, end, "x", value, kind, None, "test", 0)


def test_time_extent_and_value_figures(tmp_path: Path) -> None:
    text = "On Monday and last week, for two days."
    gold = _write(tmp_path / "times.jsonl", {"id": "t", "text": text, "published": "2024-01-10",
                                             "times": [
        {"start": 3, "end": 9, "value": "2024-01-08", "type": "DATE"},
        {"start": 14, "end": 23, "value": "2024-W01", "type": "DATE"},
        {"start": 29, "end": 37, "value": "P2D", "type": "DURATION"}]})
    assert is_time_gold(gold)
    units = load_time_gold(gold)
    found = {"t": [_time(3, 9, "2024-01-08"),            # exact, right value
                   _time(19, 23, "2024-W02"),            # overlaps, wrong value
                   _time(0, 2, None)]}                   # not gold; "two days" missed
    report = score_times(units, found)
    assert report["extent_strict"]["recall"] == pytest.approx(1 / 3)
    assert report["extent_relaxed"]["recall"] == pytest.approx(2 / 3)
    assert report["value"]["precision"] == pytest.approx(1 / 3)
    assert report["value"]["recall"] == pytest.approx(1 / 3)
    assert [w["text"] for w in report["wrong"]] == ["last week", "two days"]


def test_time_gold_with_an_unknown_type_names_the_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.jsonl", {"text": "today", "times": [
        {"start": 0, "end": 5, "value": "2024", "type": "DAY"}]})
    with pytest.raises(GoldError, match=r"bad\.jsonl:1.*type"):
        load_time_gold(bad)


def _actor(start: int, end: int, country: str | None, sector: str | None) -> Actor:
    return Actor(None, country, sector, None, "x", start, end)


def test_mentions_are_right_wrong_or_missed(tmp_path: Path) -> None:
    text = "Kenyan police and Ugandan troops met a farmer."
    gold = _write(tmp_path / "mentions.jsonl", {"id": "m", "text": text, "mentions": [
        {"start": 0, "end": 13, "country": "KEN", "sector": "COP"},
        {"start": 18, "end": 32, "country": "UGA", "sector": "MIL"},
        {"start": 39, "end": 45, "country": None, "sector": "AGR"}]})
    assert is_mention_gold(gold) and not is_time_gold(gold)
    found = {"m": [_actor(7, 13, "KEN", "COP"), _actor(18, 32, "UGA", "GOV")]}
    report = score_mentions(load_mention_gold(gold), found)
    assert (report["right"], report["wrong"], report["missed"]) == (1, 1, 1)


def _quote(start: int, end: int, speaker: Actor | None) -> Quote:
    return Quote(start, end, "x", True, "said", speaker, None)


def test_quote_speakers_strict_and_lenient(tmp_path: Path) -> None:
    text = 'Ruto said "we will talk." He added that talks would resume. "No," a rebel said.'
    gold = _write(tmp_path / "quotes.jsonl", {"id": "q", "text": text, "quotes": [
        {"start": 10, "end": 25, "direct": True,
         "speaker": {"start": 0, "end": 4, "country": "KEN"}},
        {"start": 40, "end": 59, "direct": False,
         "speaker": {"start": 0, "end": 4, "country": "KEN"}},
        {"start": 61, "end": 65, "direct": True,
         "speaker": {"start": 66, "end": 73, "country": None}}]})
    assert is_quote_gold(gold)
    found = {"q": [_quote(10, 25, _actor(0, 4, "KEN", "GOV")),     # strict and lenient
                   _quote(40, 59, _actor(26, 28, "KEN", "GOV"))]}  # "He": lenient only
    report = score_quotes(load_quote_gold(gold), found)
    assert report["found"] == pytest.approx(2 / 3)
    assert report["speaker_strict"] == pytest.approx(1 / 3)
    assert report["speaker"] == pytest.approx(2 / 3)
