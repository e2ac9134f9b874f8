"""Merged events: the reports of one happening, from every article that tells it, joined.

Two reports merge when every rule in ``MergeRules`` holds (each can be turned off by name); the
merged event keeps each report, and where its reports disagree the values stand side by side
with the outlets that gave them (``disagreements``), never averaged away.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class MergeRules:
    """The default rules of merging, each a named option."""

    same_actors: bool = True  # countries and sectors (either order when reciprocal)
    same_root: bool = True
    date_window_days: int = 1  # day dates within this; coarser dates: overlapping periods
    place_km: float = 50.0  # same GeoNames id, within this distance, or either unknown
    same_polarity: bool = True  # the same ``negated`` and ``modality``


def _side(actor: dict[str, Any] | None) -> tuple[str, str]:
    if actor is None:
        return ("", "")
    return (actor.get("country") or "", actor.get("sector") or actor.get("code") or "")


def merge_key(report: dict[str, Any], rules: MergeRules) -> tuple[Any, ...]:
    """What two reports must share to merge at all (the block)."""
    key: list[Any] = []
    if rules.same_actors:
        pair = (_side(report["source"]), _side(report["target"]))
        key.append(tuple(sorted(pair)) if report.get("reciprocal") else pair)
    if rules.same_root:
        key.append(report["cameo_root"])
    if rules.same_polarity:
        key += [bool(report["negated"]), report["modality"]]
    return tuple(key)


def block_of(report: dict[str, Any], rules: MergeRules) -> str:
    """The block as stored beside each merged report, so that a batch rebuilds only its own."""
    return repr(merge_key(report, rules))


def _period(value: str | None, window: int) -> tuple[date, date] | None:
    """First and last day a date string can mean, widened by ``window`` days for a day."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day - timedelta(days=window), day + timedelta(days=window)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _places_agree(a: dict[str, Any] | None, b: dict[str, Any] | None, km: float) -> bool:
    if a is None or b is None:
        return True
    if a.get("geonames_id") and a.get("geonames_id") == b.get("geonames_id"):
        return True
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return a.get("name") == b.get("name")
    return _km(a, b) <= km


def compatible(a: dict[str, Any], b: dict[str, Any], rules: MergeRules) -> bool:
    """Whether two reports of one block tell the same happening."""
    # one side widened by the window: two days merge when at most that many days apart
    pa, pb = _period(a["event_date"], rules.date_window_days), _period(b["event_date"], 0)
    if pa is None or pb is None:  # undated reports join only within their story
        if a.get("story_id") is None or a.get("story_id") != b.get("story_id"):
            return False
    elif pa[0] > pb[1] or pb[0] > pa[1]:
        return False
    return _places_agree(a["place"], b["place"], rules.place_km)


def _clusters(reports: list[dict[str, Any]], rules: MergeRules) -> list[list[dict[str, Any]]]:
    """Single-link groups of compatible reports inside one block."""
    parent = list(range(len(reports)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if root(i) != root(j) and compatible(reports[i], reports[j], rules):
                parent[root(i)] = root(j)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, report in enumerate(reports):
        groups[root(i)].append(report)
    return list(groups.values())


def _disagreements(reports: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Values that differ between reports, each with the outlets that gave it."""
    fields = {
        "cameo": lambda r: r["cameo"],
        "event_date": lambda r: r["event_date"],
        "place": lambda r: (r["place"] or {}).get("name"),
        "source_sector": lambda r: (r["source"] or {}).get("sector"),
        "target_sector": lambda r: (r["target"] or {}).get("sector"),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name, get in fields.items():
        outlets: dict[Any, set[str]] = defaultdict(set)
        for r in reports:
            outlets[get(r)].add(r.get("outlet") or r["article_id"])
        if len(outlets) > 1:
            out[name] = [{"value": v, "outlets": sorted(o)}
                         for v, o in sorted(outlets.items(), key=lambda kv: str(kv[0]))]
    return out


def _merged(reports: list[dict[str, Any]]) -> dict[str, Any]:
    reports = sorted(reports, key=lambda r: (r.get("published") or "", r["event_id"]))
    counts = Counter(r["cameo"] for r in reports)
    cameo = max(counts, key=lambda c: (counts[c], len(c), c))  # tie: the most specific
    chosen = next(r for r in reports if r["cameo"] == cameo)
    dated = [r for r in reports if r["event_date"]]
    best_date = min(dated, key=lambda r: (PRECISION_RANK.get(r["date_precision"], 3),
                                          r["event_date"])) if dated else None
    placed = Counter((r["place"] or {}).get("name") for r in reports if r["place"])
    place = next((r["place"] for r in reports if r["place"]
                  and r["place"].get("name") == placed.most_common(1)[0][0]), None)
    stories = Counter(r.get("story_id") for r in reports if r.get("story_id"))
    published = [r["published"] for r in reports if r.get("published")]
    return {
        "merged_id": "M-" + hashlib.sha1(reports[0]["event_id"].encode()).hexdigest()[:12],
        "story_id": stories.most_common(1)[0][0] if stories else None,
        "source": chosen["source"], "target": chosen["target"], "cameo": cameo,
        "cameo_root": chosen["cameo_root"], "quad_class": chosen["quad_class"],
        "goldstein": chosen["goldstein"], "plover_type": chosen.get("plover_type"),
        "plover_mode": chosen.get("plover_mode"), "negated": bool(chosen["negated"]),
        "modality": chosen["modality"],
        "event_date": best_date["event_date"] if best_date else None,
        "date_precision": best_date["date_precision"] if best_date else None,
        "place": place,
        "num_reports": len(reports),
        "num_articles": len({r["article_id"] for r in reports}),
        "num_outlets": len({r.get("outlet") or r["article_id"] for r in reports}),
        "first_published": min(published) if published else None,
        "last_published": max(published) if published else None,
        "reports": [{"event_id": r["event_id"], "article_id": r["article_id"],
                     "outlet": r.get("outlet"), "published": r.get("published"),
                     "evidence": r["evidence"]} for r in reports],
        "disagreements": _disagreements(reports),
    }


def merge_reports(reports: Iterable[dict[str, Any]], rules: MergeRules | None = None
                  ) -> list[dict[str, Any]]:
    """Merged events (CONVENTIONS.md shape) from report records that carry ``outlet``,
    ``published`` and ``story_id`` beside the event fields; every report is in exactly one."""
    rules = rules or MergeRules()
    blocks: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for report in reports:
        blocks[merge_key(report, rules)].append(report)
    merged = [{**_merged(group), "block": repr(key)} for key in sorted(blocks, key=repr)
              for group in _clusters(blocks[key], rules)]
    return sorted(merged, key=lambda m: (m["event_date"] or "~", m["merged_id"]))
