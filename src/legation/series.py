"""Dyad time series on a continuous axis: every period from the first to the last (or the
``since``/``until`` bounds), both directions, empty periods as zeros, so plots and tables show
quiet months as quiet instead of leaving them out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from legation.analyze import Interval
from legation.read.dates import first_day

DIRECTIONS = ("a→b", "b→a")
COUNTS = ("events", "quad1", "quad2", "quad3", "quad4", "goldstein")


def period_start(period: str, interval: Interval) -> date:
    """The first day of a period label ("2015-10", "2015-W43", "2015-10-20")."""
    if interval == "month":
        year, month = period.split("-")[:2]
        return date(int(year), int(month), 1)
    if interval == "week":
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return date.fromisoformat(period)


def period_label(day: date, interval: Interval) -> str:
    if interval == "month":
        return day.strftime("%Y-%m")
    if interval == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def next_period(day: date, interval: Interval) -> date:
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if interval == "week" else 1)


def _bound(value: str | None, interval: Interval) -> date | None:
    """A --since/--until bound as the start of the period holding it."""
    day = first_day(value)
    if day is None:
        return None
    return period_start(period_label(date.fromisoformat(day), interval), interval)


MAX_PERIODS = 20_000  # a day axis over five decades; more is a bad bound, not a plot


def continuous(rows: list[dict[str, Any]], interval: Interval, since: str | None = None,
               until: str | None = None, directions: tuple[str, ...] = DIRECTIONS
               ) -> list[dict[str, Any]]:
    """``rows`` of ``analyze.dyad`` (or ``analyze.timeline``, one direction "all") with a row
    for every period and direction in the span."""
    have = {(r["period"], r["direction"]): r for r in rows}
    starts = [period_start(r["period"], interval) for r in rows]
    first = _bound(since, interval) or (min(starts) if starts else None)
    last = _bound(until, interval) or (max(starts) if starts else None)
    if first is None or last is None:
        return []
    out: list[dict[str, Any]] = []
    day = first
    while day <= last and len(out) < len(directions) * MAX_PERIODS:
        label = period_label(day, interval)
        for direction in directions:
            row = have.get((label, direction))
            out.append({"period": label, "start": day.isoformat(), "direction": direction,
                        **{k: (row[k] if row and row[k] is not None else 0) for k in COUNTS}})
        day = next_period(day, interval)
    return out
