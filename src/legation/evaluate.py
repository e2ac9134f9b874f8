"""Scoring coded events against hand-coded gold (shared/eval/FORMAT.md).

Pure functions over gold units and coded event dicts, so scoring is tested without a model and
a user can score Legation on their own gold with ``legation eval``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from legation.errors import GoldError

Level = Literal["root", "full"]
FAILURES = ("nothing coded", "target missing", "source wrong", "target wrong", "root wrong",
            "all wrong")


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event; ``None`` actors or codes accept anything."""

    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    cameo: str | None
    roots: tuple[str, ...] | None
    reciprocal: bool = False
    date: str | None = None
    place: str | None = None

    def accepts_code(self, cameo: str, level: Level) -> bool:
        if level == "full" and self.cameo:
            return cameo == self.cameo
        roots = self.roots or ((self.cameo[:2],) if self.cameo else None)
        return roots is None or cameo[:2] in roots


@dataclass(frozen=True)
class GoldUnit:
    """A text unit with its gold: ``events is None`` when the unit holds only actor spans;
    ``text`` is "" when the gold has none (the caller skips such a unit, not the whole file)."""

    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...] | None
    exhaustive: bool = True
    actors: dict[str, tuple[str, ...]] | None = None
    outlet: str | None = None


def _codes(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GoldError(f"{where}: actor must be a code, a list of codes or null, not {value!r}")


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: an event must be an object")
    cameo, roots = raw.get("cameo"), raw.get("roots")
    if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
        raise GoldError(f"{where}: cameo must be a string of digits such as \"042\"")
    if roots is not None:
        if not isinstance(roots, list):
            raise GoldError(f"{where}: roots must be a list of two-digit roots such as [\"04\"]")
        roots = tuple(str(r).zfill(2) for r in roots)
    if any(not isinstance(raw.get(k), str | None) for k in ("date", "place")):
        raise GoldError(f"{where}: date and place must be strings or null")
    return GoldEvent(_codes(raw.get("source"), where), _codes(raw.get("target"), where),
                     cameo, roots, bool(raw.get("reciprocal", False)),
                     raw.get("date"), raw.get("place"))


def load_gold(path: Path) -> list[GoldUnit]:
    """Read a gold JSONL file; a malformed line is an error naming file and line."""
    units: list[GoldUnit] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise GoldError(f"{where}: a unit must be a JSON object")
        text = "" if raw.get("text") is None else raw["text"]
        if not isinstance(text, str):
            raise GoldError(f"{where}: a unit needs a string 'text'")
        events = raw.get("events")
        actors = raw.get("actors")
        if events is None and actors is None:
            raise GoldError(f"{where}: a unit needs 'events' (a list, [] for none) or 'actors'")
        if events is not None and not isinstance(events, list):
            raise GoldError(f"{where}: 'events' must be a list ([] for none)")
        if actors is not None and not (isinstance(actors, dict)
                                       and all(isinstance(v, list) for v in actors.values())):
            raise GoldError(f"{where}: 'actors' must map roles to lists of spans")
        units.append(GoldUnit(
            id=str(raw.get("id", f"line{n}")), text=text, published=raw.get("published"),
            events=None if events is None else tuple(_gold_event(e, where) for e in events),
            exhaustive=bool(raw.get("exhaustive", True)),
            actors=None if actors is None else {k: tuple(v) for k, v in actors.items()},
            outlet=raw.get("outlet"),
        ))
    return units


def _actor_ok(gold: tuple[str, ...] | None, coded: dict[str, Any] | None, full: bool) -> bool:
    if gold is None:
        return True
    if not coded or not coded.get("code"):
        return False
    code = coded["code"]
    return any(code == g if full else code[:3] == g[:3] for g in gold)


def matches(gold: GoldEvent, coded: dict[str, Any], level: Level, full_actors: bool) -> bool:
    """Does a coded event (event-record dict) match a gold event at this level?"""
    if not gold.accepts_code(coded["cameo"], level):
        return False
    src, tgt = coded.get("source"), coded.get("target")
    straight = _actor_ok(gold.source, src, full_actors) and _actor_ok(gold.target, tgt, full_actors)
    swapped = gold.reciprocal and _actor_ok(gold.source, tgt, full_actors) and _actor_ok(
        gold.target, src, full_actors)
    return straight or swapped


def align(gold: Sequence[GoldEvent], coded: Sequence[dict[str, Any]], level: Level,
          full_actors: bool = False) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment of gold and coded events: (gold index, coded index) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for ci, c in enumerate(coded):
            if ci not in used and matches(g, c, level, full_actors):
                used.add(ci)
                pairs.append((gi, ci))
                break
    return pairs


def classify_miss(gold: GoldEvent, coded: Sequence[dict[str, Any]],
                  full_actors: bool = False) -> str:
    """Why a gold event was missed at root level (a FAILURES class), from its unit's coded events.

    The nearest coded event decides: of equally near ones the class earlier in FAILURES wins. One
    agreeing on all three was taken by another gold event, so it explains nothing.
    """
    found = [f for c in coded for f in _failures(gold, c, full_actors) if f]
    return min(found, key=FAILURES.index) if found else "nothing coded"


def _failures(gold: GoldEvent, coded: dict[str, Any], full_actors: bool
              ) -> Iterator[str | None]:
    """The failure class of one coded event in each order its actors may be read (None: a match)."""
    root = gold.accepts_code(coded["cameo"], "root")
    orders = [(coded.get("source"), coded.get("target"))]
    if gold.reciprocal:
        orders.append(orders[0][::-1])
    for src, tgt in orders:
        source = _actor_ok(gold.source, src, full_actors)
        target = _actor_ok(gold.target, tgt, full_actors)
        if root and source and target:
            yield None
        elif root and source:
            yield "target wrong" if (tgt or {}).get("code") else "target missing"
        elif root and target:
            yield "source wrong"
        elif source and target:
            yield "root wrong"
        else:
            yield "all wrong"


@dataclass
class Counts:
    """True positives and denominators of one level: ``coded`` over all units, the ``_exhaustive``
    counts over exhaustive ones only (precision)."""

    tp: int = 0
    gold: int = 0
    coded: int = 0
    coded_exhaustive: int = 0
    tp_exhaustive: int = 0

    def prf(self) -> dict[str, float | None]:
        p = self.tp_exhaustive / self.coded_exhaustive if self.coded_exhaustive else None
        r = self.tp / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p is not None and r is not None and (p + r) else None
        return {"precision": p, "recall": r, "f1": f}


@dataclass
class Report:
    """What ``legation eval`` prints."""

    units: int = 0
    exhaustive_units: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {"root": Counts(), "full": Counts()})
    empty_units: int = 0
    empty_units_with_events: int = 0
    dates: list[bool] = field(default_factory=list)
    places: list[bool] = field(default_factory=list)
    span_hits: dict[str, list[bool]] = field(default_factory=lambda: {"source": [],
                                                                      "target": []})
    misses: list[dict[str, Any]] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        def rate(xs: list[bool]) -> float | None:
            return sum(xs) / len(xs) if xs else None

        return {
            "units": self.units,
            "exhaustive_units": self.exhaustive_units,
            **{level: {**c.prf(), "tp": c.tp, "gold": c.gold, "coded": c.coded,
                       "coded_exhaustive": c.coded_exhaustive}
               for level, c in self.levels.items()},
            "no_event_units": self.empty_units,
            "no_event_units_coded": self.empty_units_with_events,
            "no_event_false_positive_rate": (self.empty_units_with_events / self.empty_units
                                             if self.empty_units else None),
            "date_accuracy": rate(self.dates), "dated_pairs": len(self.dates),
            "place_accuracy": rate(self.places), "placed_pairs": len(self.places),
            "actor_span_recall": {k: rate(v) for k, v in self.span_hits.items()},
            "misses": len(self.misses),
            "failures": {f: self.failures[f] for f in FAILURES},
        }


def _overlaps(span_text: str, text: str, actor: dict[str, Any] | None) -> bool:
    if not actor or actor.get("start") is None:
        return False
    start = text.find(span_text)
    if start < 0:  # gold spans are tokenised ("Baghdad ’ s"); fall back to the first word
        first = span_text.split()[0] if span_text.split() else span_text
        start = text.find(first)
        if start < 0:
            return False
        span_end = start + len(first)
    else:
        span_end = start + len(span_text)
    return actor["start"] < span_end and start < actor["end"]


def score(units: Iterable[GoldUnit], coded: dict[str, list[dict[str, Any]]],
          full_actors: bool = False) -> Report:
    """Score coded events (by unit id) against gold units; a non-exhaustive unit counts towards
    recall and ``coded`` but not precision, as its gold may leave out events that are there."""
    report = Report()
    for unit in units:
        report.units += 1
        mine = coded.get(unit.id, [])
        for counts in report.levels.values():
            counts.coded += len(mine)
        if unit.actors is not None:
            for role in ("source", "target"):
                for span in unit.actors.get(role, ()):
                    hit = any(_overlaps(span, unit.text, e.get(role)) for e in mine)
                    report.span_hits[role].append(hit)
        if unit.events is None:
            continue
        if unit.exhaustive:
            report.exhaustive_units += 1
            if not unit.events:
                report.empty_units += 1
                report.empty_units_with_events += bool(mine)
        for level, counts in report.levels.items():
            pairs = align(unit.events, mine, level, full_actors)  # type: ignore[arg-type]
            counts.tp += len(pairs)
            counts.gold += len(unit.events)
            if unit.exhaustive:
                counts.coded_exhaustive += len(mine)
                counts.tp_exhaustive += len(pairs)
            if level == "root":
                matched = {gi for gi, _ in pairs}
                for gi, ci in pairs:
                    g, c = unit.events[gi], mine[ci]
                    if g.date:
                        report.dates.append(bool(c.get("event_date"))
                                            and c["event_date"].startswith(g.date))
                    if g.place:
                        name = (c.get("place") or {}).get("name") or ""
                        report.places.append(g.place.lower() in name.lower()
                                             or (bool(name) and name.lower() in g.place.lower()))
                for gi, g in enumerate(unit.events):
                    if gi not in matched:
                        failure = classify_miss(g, mine, full_actors)
                        report.failures[failure] += 1
                        report.misses.append({
                            "id": unit.id, "text": unit.text, "failure": failure,
                            "gold": {"source": g.source, "target": g.target,
                                     "cameo": g.cameo, "roots": g.roots},
                            "coded": [_brief(c) for c in mine],
                        })
    return report


def _brief(event: dict[str, Any]) -> str:
    def code(actor: dict[str, Any] | None) -> str:
        return (actor or {}).get("code") or "-"

    return f"{code(event.get('source'))} {event['cameo']} {code(event.get('target'))}"
