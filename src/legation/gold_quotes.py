"""Quotation gold: is each attribution found, and is its speaker right (FORMAT.md)?

A gold quote is found when a found quote overlaps its content. Its speaker is right when the
found speaker's span overlaps the gold speaker's span (the strict figure), or, for the
lenient figure, also when the found speaker resolves to the gold speaker's country or to the
actor the article resolves at the gold speaker's span: a pronoun or a later "the ministry"
names the same actor from another place in the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import GoldError
from legation.gold_lines import gold_lines, has_units_with
from legation.records import Actor, Quote


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    direct: bool
    speaker: tuple[int, int] | None
    country: str | None


@dataclass(frozen=True)
class QuoteUnit:
    id: str
    text: str
    published: str | None
    quotes: tuple[GoldQuote, ...]


def is_quote_gold(path: Path) -> bool:
    """Is the first unit of ``path`` a quote unit (it has ``quotes``)?"""
    return has_units_with(path, "quotes")


def _quote(raw: dict[str, Any]) -> GoldQuote:
    speaker = raw.get("speaker") or None
    return GoldQuote(int(raw["start"]), int(raw["end"]), bool(raw.get("direct")),
                     (int(speaker["start"]), int(speaker["end"])) if speaker else None,
                     speaker.get("country") if speaker else None)


def load_quote_gold(path: Path) -> list[QuoteUnit]:
    """Read quote gold; a malformed line is an error naming file and line."""
    units = []
    for n, where, line in gold_lines(path):
        try:
            raw = json.loads(line)
            units.append(QuoteUnit(str(raw.get("id", f"line{n}")), raw["text"],
                                   raw.get("published"), tuple(map(_quote, raw["quotes"]))))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{where}: a quote unit needs 'text' and 'quotes' with "
                            f"start/end and a speaker span ({exc})") from exc
    return units


def _overlap(a: tuple[int, int], b: tuple[int | None, int | None]) -> bool:
    return b[0] is not None and b[1] is not None and b[0] < a[1] and a[0] < b[1]


def score_quotes(units: Iterable[QuoteUnit], found: dict[str, Sequence[Quote]],
                 actors: dict[str, Sequence[Actor]] | None = None) -> dict[str, Any]:
    """Found rate, speaker accuracy (strict and lenient) over gold quotes with a speaker."""
    total = found_n = strict = lenient = 0
    misses = []
    for unit in units:
        quotes = found.get(unit.id, ())
        named = (actors or {}).get(unit.id, ())
        for gold in unit.quotes:
            total += 1
            over = [q for q in quotes if _overlap((gold.start, gold.end), (q.start, q.end))]
            found_n += bool(over)
            speakers = [q.speaker for q in over if q.speaker is not None]
            exact = gold.speaker is not None and any(
                _overlap(gold.speaker, (s.start, s.end)) for s in speakers)
            # the gold speaker's own actor, as the article resolves it where the gold names it
            theirs = {a.code for a in named if gold.speaker and a.code and (a.country or a.kb_id)
                      and _overlap(gold.speaker, (a.start, a.end))}  # not a bare "JRN"
            same = exact or any(s.code in theirs for s in speakers) or (
                gold.country is not None and any(s.country == gold.country for s in speakers))
            strict += exact
            lenient += same
            if not same:
                misses.append({
                    "id": unit.id, "content": unit.text[gold.start:gold.end][:80],
                    "gold_speaker": unit.text[slice(*gold.speaker)] if gold.speaker else None,
                    "found": bool(over), "found_speakers": [s.text for s in speakers]})
    return {"quotes": total, "found": _rate(found_n, total),
            "speaker_strict": _rate(strict, total), "speaker": _rate(lenient, total),
            "wrong_examples": misses}


def _rate(n: int, total: int) -> float | None:
    return n / total if total else None
