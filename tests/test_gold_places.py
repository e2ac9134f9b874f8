"""Place gold scoring: Acc@161 km over every gold toponym (FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legation.errors import GoldError
from legation.gold_places import is_place_gold, km, load_place_gold, score_places
from legation.records import PlaceMention


def _found(start: int, end: int, lat: float | None, lon: float | None) -> PlaceMention:
    return PlaceMention(start, end, "x", 0, "x", None, lat, lon, "XXX", "city", "test")


def test_great_circle_distances() -> None:
    assert km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)  # Paris-London
    assert km(0, 0, 0, 180) == pytest.approx(20015, abs=5)


def test_each_gold_toponym_is_right_too_far_unplaced_or_missed(tmp_path: Path) -> None:
    gold = tmp_path / "places.jsonl"
    text = "Talks in Nairobi, Mombasa, Kisumu and Eldoret."
    spots = [(9, 16, -1.29, 36.82), (18, 25, -4.05, 39.67), (27, 33, -0.09, 34.77),
             (38, 45, 0.51, 35.27)]
    gold.write_text(json.dumps({"id": "k", "text": text, "published": None, "places": [
        {"start": s, "end": e, "name": text[s:e], "lat": la, "lon": lo}
        for s, e, la, lo in spots]}) + "\n")
    assert is_place_gold(gold)
    units = load_place_gold(gold)
    found = {"k": [_found(9, 16, -1.3, 36.8),      # right
                   _found(18, 25, 4.05, 39.67),    # 900 km off: too far
                   _found(27, 33, None, None),     # no coordinates
                   _found(0, 5, 1.0, 1.0)]}        # not a gold toponym; Eldoret missed
    report = score_places(units, found)
    assert report["acc_161"] == 0.25
    assert (report["right"], report["too_far"], report["no_coordinates"], report["missed"],
            report["found_not_in_gold"]) == (1, 1, 1, 1, 1)


def test_a_span_outside_the_text_names_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text(json.dumps({"id": "b", "text": "Lima", "places": [
        {"start": 0, "end": 40, "lat": 1, "lon": 1}]}) + "\n")
    with pytest.raises(GoldError, match=r"bad\.jsonl:1"):
        load_place_gold(gold)
