"""Time gold: are the expressions found, and are their TimeML values right (TempEval-3 style)?

Extent is scored strict (the same span) and relaxed (spans overlap). A found expression whose
span overlaps a gold one is a match; its value is right when it equals the gold value, and the
value figures count right values against every found expression (precision) and every gold
one (recall), as TempEval-3's attribute F1 does. Types are scored on the matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import GoldError
from legation.extract.times import TimeExpression
from legation.gold_lines import gold_lines, has_units_with

TYPES = {"DATE", "TIME", "DURATION", "SET"}


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True)
class TimeUnit:
    id: str
    text: str
    published: str | None
    times: tuple[GoldTime, ...]


def is_time_gold(path: Path) -> bool:
    """Is the first unit of ``path`` a time unit (it has ``times``)?"""
    return has_units_with(path, "times")


def _time(raw: Any, text: str) -> GoldTime:
    start, end = int(raw["start"]), int(raw["end"])
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is outside the text")
    if raw["type"] not in TYPES:
        raise ValueError(f"type {raw['type']!r} is not one of {', '.join(sorted(TYPES))}")
    return GoldTime(start, end, str(raw["value"]), raw["type"])


def load_time_gold(path: Path) -> list[TimeUnit]:
    """Read time gold; a malformed line is an error naming file and line."""
    units = []
    for n, where, line in gold_lines(path):
        try:
            raw = json.loads(line)
            text = raw["text"]
            units.append(TimeUnit(str(raw.get("id", f"line{n}")), text, raw.get("published"),
                                  tuple(_time(t, text) for t in raw["times"])))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{where}: a time unit needs 'text' and 'times' with start, "
                            f"end, value and type ({exc})") from exc
    return units


def _prf(tp: int, found: int, gold: int) -> dict[str, float | None]:
    p = tp / found if found else None
    r = tp / gold if gold else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f1}


def score_times(units: Iterable[TimeUnit], found: dict[str, Sequence[TimeExpression]]
                ) -> dict[str, Any]:
    """Extent (strict, relaxed), value and type figures over every gold expression."""
    n_gold = n_found = strict = relaxed = values = types = 0
    wrong = []
    for unit in units:
        mine = list(found.get(unit.id, ()))
        n_gold += len(unit.times)
        n_found += len(mine)
        for gold in unit.times:
            over = [t for t in mine if t.start < gold.end and gold.start < t.end]
            strict += any((t.start, t.end) == (gold.start, gold.end) for t in over)
            relaxed += bool(over)
            right = any(t.value == gold.value for t in over)
            values += right
            types += any(t.type == gold.type for t in over)
            if not right:
                wrong.append({"id": unit.id, "text": unit.text[gold.start:gold.end],
                              "gold": gold.value, "found": [(t.text, t.value) for t in over]})
    return {"expressions": n_gold, "found": n_found,
            "extent_strict": _prf(strict, n_found, n_gold),
            "extent_relaxed": _prf(relaxed, n_found, n_gold),
            "value": _prf(values, n_found, n_gold),
            "type_accuracy": types / relaxed if relaxed else None,
            "wrong": wrong}
