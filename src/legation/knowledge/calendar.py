"""Month and weekday names (calendar.yaml): the one list every date reader uses."""

from __future__ import annotations

from importlib import resources

import yaml


def _rows(key: str) -> list[list[str]]:
    text = (resources.files("legation.knowledge") / "data" / "calendar.yaml").read_text("utf-8")
    return yaml.safe_load(text)[key]


_MONTH_ROWS = _rows("months")
_WEEKDAY_ROWS = _rows("weekdays")
MONTHS: dict[str, int] = {n: i for i, row in enumerate(_MONTH_ROWS, 1) for n in row}  # sept: 9
WEEKDAYS: dict[str, int] = {n: i for i, row in enumerate(_WEEKDAY_ROWS) for n in row}
MONTH_NAMES = frozenset(row[0] for row in _MONTH_ROWS)  # the full names
WEEKDAY_NAMES = frozenset(row[0] for row in _WEEKDAY_ROWS)
MONTH_ABBREVIATIONS = frozenset(MONTHS) - MONTH_NAMES  # "jan" … "dec", without "may"


def alternation(names: frozenset[str] | dict[str, int], capitalised: bool = False) -> str:
    """A regex alternation of ``names``, longest first ("sept" before "sep")."""
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return "|".join(n.capitalize() if capitalised else n for n in ordered)
