"""The wire dateline that opens a story: "KYIV (Reuters) — …", "GOMA, Congo (AP) - …".

Its place is where the story was filed, a place like any other; its agency is who reports the
story, never an actor or a speaker in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from legation.knowledge.calendar import MONTH_ABBREVIATIONS, alternation

_CAPS = r"[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3}"
_TITLE = r"[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,3}"
_AREA = r"(?:,\s*(?P<area>[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,2}))?"
_MONTH = alternation(MONTH_ABBREVIATIONS | {"may"}, capitalised=True)
_DATE = rf"(?:,?\s*(?:{_MONTH})[a-z]*\.?\s+\d{{1,2}})?"  # "GENEVA, Sept 14 (…) -"
_AGENCY = r"\s*\((?P<agency>[A-Za-z][\w .&'\-]{1,40})\)"
_DASH = r"\s*(?:--|[-–—])\s+"
# An all-capital place with an optional agency, or a title-case place when an agency follows.
DATELINES = (
    re.compile(rf"\A\s*(?P<place>{_CAPS}){_DATE}{_AREA}{_DATE}(?:{_AGENCY})?{_DASH}"),
    re.compile(rf"\A\s*(?P<place>{_TITLE}){_DATE}{_AREA}{_DATE}{_AGENCY}{_DASH}"),
)


@dataclass(frozen=True)
class Dateline:
    """Character spans of the dateline's parts; ``end`` is where the story's first word is."""

    place: tuple[int, int]
    area: tuple[int, int] | None
    agency: tuple[int, int] | None
    end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, if it has one."""
    for pattern in DATELINES:
        if (match := pattern.match(text)) is not None:
            def span(name: str, m: re.Match[str] = match) -> tuple[int, int] | None:
                return m.span(name) if m.group(name) else None

            return Dateline(match.span("place"), span("area"), span("agency"), match.end())
    return None


DATELINE_KEY = "legation.dateline"


def dateline_of(doc: Doc) -> Dateline | None:
    """The dateline of a parsed article, found once per doc (the pipeline's dateline step
    stores it; actors and places ask again). Stored as plain lists, which survive the
    serialisation of docs between spaCy processes."""
    if DATELINE_KEY not in doc.user_data:
        found = find_dateline(doc.text)
        doc.user_data[DATELINE_KEY] = None if found is None else [
            list(found.place), found.area and list(found.area),
            found.agency and list(found.agency), found.end]
    stored = doc.user_data[DATELINE_KEY]
    if stored is None:
        return None
    place, area, agency, end = stored
    return Dateline(tuple(place), area and tuple(area), agency and tuple(agency), end)
