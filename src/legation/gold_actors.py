"""Actor-mention gold: mentions in context, scored on country and sector.

A unit is ``{id, text, published, mentions: [{start, end, text, country, sector}]}``. A gold
mention is right when an actor the article resolves overlaps its span and agrees on country
and sector; a null country or sector in the gold is not checked (as in actor-case files).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import GoldError
from legation.gold_lines import gold_lines, has_units_with
from legation.records import Actor


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class MentionUnit:
    id: str
    text: str
    published: str | None
    mentions: tuple[GoldMention, ...]


def is_mention_gold(path: Path) -> bool:
    """Is the first unit of ``path`` a mention unit (it has ``mentions``)?"""
    return has_units_with(path, "mentions")


def load_mention_gold(path: Path) -> list[MentionUnit]:
    """Read mention gold; a malformed line is an error naming file and line."""
    units = []
    for n, where, line in gold_lines(path):
        try:
            raw = json.loads(line)
            text = raw["text"]
            mentions = tuple(GoldMention(int(m["start"]), int(m["end"]), m.get("country"),
                                         m.get("sector")) for m in raw["mentions"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{where}: a mention unit needs 'text' and 'mentions' with "
                            f"start/end ({exc})") from exc
        if not all(0 <= m.start < m.end <= len(text) for m in mentions):
            raise GoldError(f"{where}: a mention span is outside the text")
        units.append(MentionUnit(str(raw.get("id", f"line{n}")), text, raw.get("published"),
                                 mentions))
    return units


def _agrees(gold: GoldMention, actor: Actor) -> bool:
    return ((gold.country is None or actor.country == gold.country)
            and (gold.sector is None or actor.sector == gold.sector))


def _verdict(gold: GoldMention, actors: Sequence[Actor]) -> str:
    over = [a for a in actors if a.start is not None and a.end is not None
            and a.start < gold.end and gold.start < a.end]
    if not over:
        return "missed"
    return "right" if any(_agrees(gold, a) for a in over) else "wrong"


def score_mentions(units: Iterable[MentionUnit], found: dict[str, list[Actor]]
                   ) -> dict[str, Any]:
    """Share of gold mentions resolved with the right country and sector."""
    counts = {"right": 0, "wrong": 0, "missed": 0}
    misses = []
    for unit in units:
        actors = found.get(unit.id, [])
        for gold in unit.mentions:
            verdict = _verdict(gold, actors)
            counts[verdict] += 1
            if verdict != "right":
                got = sorted({(a.code, a.country, a.sector) for a in actors
                              if a.start is not None and a.end is not None
                              and a.start < gold.end and gold.start < a.end})
                misses.append({"id": unit.id, "mention": unit.text[gold.start:gold.end],
                               "verdict": verdict, "gold": (gold.country, gold.sector),
                               "found": got})
    total = sum(counts.values())
    return {"mentions": total, "accuracy": counts["right"] / total if total else None,
            **counts, "wrong_examples": misses}
