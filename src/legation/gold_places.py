"""Place gold: Acc@161 km over every gold toponym, as ``../shared/eval/FORMAT.md`` defines it.

A gold toponym counts when a found place overlaps its span and lies within 161 km of it; a
missed toponym, or one found without coordinates, counts as wrong. The distance is the
great-circle distance on a sphere of the Earth's mean radius.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import GoldError
from legation.gold_lines import gold_lines, has_units_with
from legation.records import PlaceMention

WITHIN_KM = 161.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class GoldPlace:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceUnit:
    id: str
    text: str
    published: str | None
    places: tuple[GoldPlace, ...]


def is_place_gold(path: Path) -> bool:
    """Is the first unit of ``path`` a place unit (it has ``places``, not ``events``)?"""
    return has_units_with(path, "places")


def _place(raw: Any, where: str, text: str) -> GoldPlace:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: a place must be an object {{start, end, name, lat, lon}}")
    try:
        start, end = int(raw["start"]), int(raw["end"])
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{where}: a place needs integer start/end and numeric lat/lon "
                        f"({exc})") from exc
    if not 0 <= start < end <= len(text):
        raise GoldError(f"{where}: place span {start}-{end} is outside the text")
    return GoldPlace(start, end, str(raw.get("name") or text[start:end]), lat, lon)


def load_place_gold(path: Path) -> list[PlaceUnit]:
    """Read place gold; a malformed line is an error naming file and line."""
    units = []
    for n, where, line in gold_lines(path):
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) \
                or not isinstance(raw.get("places"), list):
            raise GoldError(f"{where}: a place unit needs a string 'text' and a list 'places'")
        units.append(PlaceUnit(str(raw.get("id", f"line{n}")), raw["text"], raw.get("published"),
                               tuple(_place(p, where, raw["text"]) for p in raw["places"])))
    return units


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def _verdict(gold: GoldPlace, found: Sequence[PlaceMention]) -> str:
    over = [p for p in found if p.start < gold.end and gold.start < p.end]
    if not over:
        return "missed"
    placed = [p for p in over if p.lat is not None and p.lon is not None]
    if not placed:
        return "no coordinates"
    best = min(km(gold.lat, gold.lon, p.lat, p.lon) for p in placed)  # type: ignore[arg-type]
    return "right" if best <= WITHIN_KM else "too far"


def score_places(units: Iterable[PlaceUnit], found: dict[str, list[PlaceMention]]
                 ) -> dict[str, Any]:
    """Acc@161 km, the verdict counts, and the wrong toponyms (for reading misses)."""
    counts = {"right": 0, "too far": 0, "no coordinates": 0, "missed": 0}
    wrong = []
    spurious = 0
    for unit in units:
        places = found.get(unit.id, [])
        for gold in unit.places:
            verdict = _verdict(gold, places)
            counts[verdict] += 1
            if verdict != "right":
                got = [(p.name, p.country, p.lat, p.lon) for p in places
                       if p.start < gold.end and gold.start < p.end]
                wrong.append({"id": unit.id, "toponym": unit.text[gold.start:gold.end],
                              "verdict": verdict, "gold": (gold.lat, gold.lon), "found": got})
        spurious += sum(not any(p.start < g.end and g.start < p.end for g in unit.places)
                        for p in places)
    total = sum(counts.values())
    return {"toponyms": total, "acc_161": counts["right"] / total if total else None,
            **{k.replace(" ", "_"): v for k, v in counts.items()},
            "found_not_in_gold": spurious, "wrong": wrong}
