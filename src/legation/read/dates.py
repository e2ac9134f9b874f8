"""Publication dates: parse the ways inputs write them into an ISO date and its precision.

Manifests, JSONL and HTML metadata give "2015-10-22T10:00:00Z" or "2015-10"; bylines give
"22 October 2015" or "October 22, 2015". The rest of Legation anchors relative expressions
("on Tuesday") on one shape: ``2015-10-22`` / ``2015-10`` / ``2015`` with a precision.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from legation.knowledge.calendar import MONTHS, WEEKDAYS, alternation
from legation.records import Precision

MONTH = r"(?P<month>" + alternation(MONTHS) + r")\.?"
WEEKDAY = r"(?:(?:" + alternation(WEEKDAYS) + r")\.?,?\s+)?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"

# Written dates, as a byline or a manifest gives them (whole-string matches).
_WRITTEN = [
    re.compile(WEEKDAY + DAY + r"\s+(?:of\s+)?" + MONTH + r",?\s+" + YEAR, re.I),
    re.compile(WEEKDAY + MONTH + r"\s+" + DAY + r",?\s+" + YEAR, re.I),
    re.compile(WEEKDAY + YEAR + r"[-/.](?P<mnum>\d{1,2})[-/.]" + DAY, re.I),
]
_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<mnum>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTH_YEAR = re.compile(MONTH + r",?\s+" + YEAR, re.I)


class ParsedDate(NamedTuple):
    """An ISO date string cut to its precision: ``2015-10-22`` (day), ``2015-10``, ``2015``."""

    value: str
    precision: Precision


def _build(year: str, month: int | None, day: str | None) -> ParsedDate | None:
    y = int(year)
    if month is None:
        return ParsedDate(f"{y:04d}", "year") if 1000 <= y <= 9999 else None
    if day is None:
        return ParsedDate(f"{y:04d}-{month:02d}", "month") if 1 <= month <= 12 else None
    try:
        return ParsedDate(date(y, month, int(day)).isoformat(), "day")
    except ValueError:  # 2015-02-30, month 13 …
        return None


def _month(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("month"):
        return MONTHS[groups["month"].lower()]
    return int(groups["mnum"])


def parse_written_date(text: str) -> ParsedDate | None:
    """A date written out in full ("22 October 2015", "October 22, 2015", "2015-10-22").

    Only whole-string matches count, so a byline line is a date or it is not.
    """
    text = " ".join(text.split())
    for pattern in _WRITTEN:
        match = pattern.fullmatch(text)
        if match:
            return _build(match["year"], _month(match), match["day"])
    return None


FILTER_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def first_day(event_date: str | None) -> str | None:
    """The first day of the period an event date names ("2015-10" → "2015-10-01")."""
    if not event_date:
        return None
    return event_date + "-01" * (3 - len(event_date.split("-")))


def filter_date(value: str) -> str:
    """A date bound of a query (``--since``, ``?until=``): the precisions events are stored at,
    and only real dates; ValueError says what is wanted. Shared by the CLI and the HTTP API."""
    try:
        datetime.strptime(value, FILTER_FORMATS[len(value)])
    except (KeyError, ValueError):
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def given_date(value: str) -> ParsedDate:
    """A publication date a user gives (``--published``, ``--date``): anything
    ``parse_published`` reads; ValueError otherwise, never silently nothing."""
    parsed = parse_published(value)
    if parsed is None:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO "
                         "date-time)")
    return parsed


def parse_published(value: str) -> ParsedDate | None:
    """Normalise a given publication date; None when it cannot be read as a date.

    >>> parse_published("2015-10-22T10:00:00Z")
    ParsedDate(value='2015-10-22', precision='day')
    >>> parse_published("2015-10")
    ParsedDate(value='2015-10', precision='month')
    """
    text = " ".join(value.split())
    match = _ISO.fullmatch(text)
    if match:
        month = int(match["mnum"]) if match["mnum"] else None
        return _build(match["year"], month, match["day"])
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        return _build(match["year"], _month(match), None)
    return parse_written_date(text)
