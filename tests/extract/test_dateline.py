"""Wire datelines: the filing place and the agency that opens a story."""

from __future__ import annotations

import pytest

from legation.extract.dateline import find_dateline


@pytest.mark.parametrize("text, place, area, agency", [
    ("KYIV (Reuters) - Russian forces shelled the city.", "KYIV", None, "Reuters"),
    ("GOMA, Congo (AP) — Rebels advanced on Sunday.", "GOMA", "Congo", "AP"),
    ("NEW DELHI -- India said on Monday.", "NEW DELHI", None, None),
    ("Bogota, Colombia (AFP) - The government said.", "Bogota", "Colombia", "AFP"),
])
def test_datelines_are_found(text: str, place: str, area: str | None, agency: str | None
                             ) -> None:
    found = find_dateline(text)
    assert found is not None
    assert text[slice(*found.place)] == place
    assert (text[slice(*found.area)] if found.area else None) == area
    assert (text[slice(*found.agency)] if found.agency else None) == agency


@pytest.mark.parametrize("text", [
    "The UN said - no more talks.",
    "US PRESIDENT Biden said on Monday.",
    "Kenya - the country of runners - won again.",
])
def test_prose_is_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize("text", [
    "NAIROBI (AFP) — Kenyan police chief Daniel Mwangi said on Monday that roads were open.",
    "LIMA, Peru (Reuters) - Interior Minister Rosa Quispe told reporters the strike was over.",
])
def test_the_dateline_is_no_subject_of_the_first_sentence(nlp, text: str) -> None:
    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ in ("say", "tell"))
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] in (["Mwangi"], ["Quispe"])
    line = find_dateline(text)
    assert line is not None and doc.char_span(line.end, line.end + 1,
                                              alignment_mode="expand")[0].is_sent_start
