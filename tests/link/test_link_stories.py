"""Streaming stories: articles join a story or start one, as they arrive."""

from __future__ import annotations

from collections import Counter
from datetime import date

from legation.gold_stories import bcubed_f1, pairwise_f1
from legation.link.stories import StoryIndex


def terms(text: str) -> dict[str, int]:
    """Words as terms, capitalised words as names (the shapes link.profile gives)."""
    return dict(Counter(("~" + w.lower()) if w[0].isupper() else w for w in text.split()))


QUAKE_A = ("earthquake strikes Padang on Sumatra as buildings collapse and Governor Irwan "
           "Prayitno says rescuers dig in Padang")
QUAKE_A2 = "rescuers in Padang search collapsed buildings Irwan Prayitno says Sumatra toll rises"
QUAKE_B = ("earthquake strikes Concepcion in Chile as President Michelle Bachelet warns of "
           "tsunami on the Concepcion coast")
QUAKE_B2 = "Bachelet visits Concepcion coast after Chile tsunami toll rises"


def test_one_happening_joins_and_another_of_its_kind_starts_a_story() -> None:
    index = StoryIndex()
    a = index.add("a", terms(QUAKE_A), None)
    b = index.add("b", terms(QUAKE_B), None)
    assert b != a
    assert index.add("a2", terms(QUAKE_A2), None) == a
    assert index.add("b2", terms(QUAKE_B2), None) == b
    assert len(index.stories) == 2


def test_the_date_window_blocks_a_story_far_in_time() -> None:
    index = StoryIndex(window=3)
    first = index.add("a", terms(QUAKE_A), date(2020, 1, 1))
    assert index.add("a2", terms(QUAKE_A2), date(2020, 1, 3)) == first
    assert index.add("a3", terms(QUAKE_A2), date(2020, 3, 1)) != first


def test_re_adding_an_article_moves_it_and_an_emptied_story_goes() -> None:
    index = StoryIndex()
    a = index.add("a", terms(QUAKE_A), None)
    b = index.add("b", terms(QUAKE_B), None)
    assert index.add("a", terms(QUAKE_B2), None) == b
    assert a not in index.stories and len(index) == 2


def test_story_scores() -> None:
    gold = ["x", "x", "y", "y"]
    assert pairwise_f1(["1", "1", "2", "2"], gold) == 1.0
    assert bcubed_f1(["1", "1", "2", "2"], gold) == 1.0
    assert pairwise_f1(["1", "1", "1", "1"], gold) == 0.5  # P 2/6, R 1
    assert round(bcubed_f1(["1", "2", "3", "4"], gold), 3) == 0.667  # P 1, R 0.5
