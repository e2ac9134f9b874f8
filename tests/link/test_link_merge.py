"""Merge rules on report records written here: each rule can merge or keep apart."""

from __future__ import annotations

from typing import Any

from legation.link.merge import MergeRules, merge_reports


def _actor(code: str | None) -> dict[str, Any] | None:
    if code is None:
        return None
    return {"code": code, "country": code[:3], "sector": code[3:] or None, "name": code,
            "text": code, "start": 0, "end": 3, "kb_id": None}


def report(event_id: str, source: str | None, target: str | None, cameo: str = "042",
           date: str | None = "2020-03-10", outlet: str = "A", reciprocal: bool = False,
           story: str | None = "S-1", place: dict[str, Any] | None = None,
           negated: bool = False) -> dict[str, Any]:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
    return {"event_id": event_id, "article_id": f"art-{event_id}", "evidence": f"text {event_id}",
            "source": _actor(source), "target": _actor(target), "cameo": cameo,
            "cameo_root": cameo[:2], "quad_class": 1, "goldstein": 1.9, "plover_type": None,
            "plover_mode": None, "negated": negated, "modality": "actual", "event_date": date,
            "date_precision": precision, "place": place, "reciprocal": reciprocal,
            "outlet": outlet, "published": date, "story_id": story}


def test_two_outlets_one_visit_merge_and_count_their_reports() -> None:
    merged = merge_reports([report("1", "SYRGOV", "RUS", outlet="A"),
                            report("2", "SYRGOV", "RUS", outlet="B", date="2020-03-11")])
    assert len(merged) == 1
    m = merged[0]
    assert (m["num_reports"], m["num_articles"], m["num_outlets"]) == (2, 2, 2)
    assert {r["event_id"] for r in m["reports"]} == {"1", "2"}
    assert m["disagreements"]["event_date"] == [
        {"value": "2020-03-10", "outlets": ["A"]}, {"value": "2020-03-11", "outlets": ["B"]}]


def test_reciprocal_reports_merge_in_either_order_and_one_sided_do_not() -> None:
    met = [report("1", "USAGOV", "RUSGOV", "040", reciprocal=True),
           report("2", "RUSGOV", "USAGOV", "040", reciprocal=True, outlet="B")]
    assert len(merge_reports(met)) == 1
    hit = [report("1", "USAMIL", "SYRMIL", "190"), report("2", "SYRMIL", "USAMIL", "190")]
    assert len(merge_reports(hit)) == 2


def test_date_window_is_one_day_and_coarse_dates_overlap() -> None:
    assert len(merge_reports([report("1", "ISR", "PSE"),
                              report("2", "ISR", "PSE", date="2020-03-12")])) == 2
    assert len(merge_reports([report("1", "ISR", "PSE"),
                              report("2", "ISR", "PSE", date="2020-03")])) == 1
    assert len(merge_reports([report("1", "ISR", "PSE"),
                              report("2", "ISR", "PSE", date="2020-04")])) == 2
    wide = MergeRules(date_window_days=3)
    assert len(merge_reports([report("1", "ISR", "PSE"),
                              report("2", "ISR", "PSE", date="2020-03-12")], wide)) == 1


def test_undated_reports_join_only_within_their_story() -> None:
    assert len(merge_reports([report("1", "FRA", "DEU"),
                              report("2", "FRA", "DEU", date=None)])) == 1
    assert len(merge_reports([report("1", "FRA", "DEU"),
                              report("2", "FRA", "DEU", date=None, story="S-2")])) == 2


def test_null_target_merges_only_with_null_target() -> None:
    assert len(merge_reports([report("1", "RUS", None, "111"),
                              report("2", "RUS", "USA", "111")])) == 2
    assert len(merge_reports([report("1", "RUS", None, "111"),
                              report("2", "RUS", None, "111", outlet="B")])) == 1


def test_places_far_apart_stay_apart_and_unknown_places_join() -> None:
    aleppo = {"name": "Aleppo", "geonames_id": 170063, "lat": 36.2, "lon": 37.16}
    homs = {"name": "Homs", "geonames_id": 169577, "lat": 34.73, "lon": 36.72}
    near = {"name": "Aleppo outskirts", "geonames_id": None, "lat": 36.25, "lon": 37.1}
    assert len(merge_reports([report("1", "RUS", "SYR", "190", place=aleppo),
                              report("2", "RUS", "SYR", "190", place=homs)])) == 2
    assert len(merge_reports([report("1", "RUS", "SYR", "190", place=aleppo),
                              report("2", "RUS", "SYR", "190", place=near)])) == 1
    assert len(merge_reports([report("1", "RUS", "SYR", "190", place=aleppo),
                              report("2", "RUS", "SYR", "190")])) == 1


def test_code_disagreement_is_kept_and_the_commonest_code_wins() -> None:
    merged = merge_reports([report("1", "USA", "IRN", "112", outlet="A"),
                            report("2", "USA", "IRN", "111", outlet="B"),
                            report("3", "USA", "IRN", "111", outlet="C")])
    assert len(merged) == 1 and merged[0]["cameo"] == "111"
    assert merged[0]["disagreements"]["cameo"] == [
        {"value": "111", "outlets": ["B", "C"]}, {"value": "112", "outlets": ["A"]}]
    tie = merge_reports([report("1", "USA", "IRN", "11"), report("2", "USA", "IRN", "112")])
    assert tie[0]["cameo"] == "112"  # tie: the most specific


def test_negated_and_actual_reports_stay_apart() -> None:
    assert len(merge_reports([report("1", "RUS", "USA", "036"),
                              report("2", "RUS", "USA", "036", negated=True)])) == 2
