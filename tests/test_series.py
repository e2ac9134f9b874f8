"""Continuous dyad series: every period in the span, both directions, zeros where quiet."""

from legation.series import continuous, next_period, period_start


def row(period: str, direction: str, events: int) -> dict:
    return {"period": period, "direction": direction, "events": events, "quad1": events,
            "quad2": 0, "quad3": 0, "quad4": 0, "goldstein": 1.5 * events}


def test_months_between_events_are_filled_with_zeros() -> None:
    series = continuous([row("2015-11", "a→b", 2), row("2016-02", "b→a", 1)], "month")
    assert [r["period"] for r in series][::2] == ["2015-11", "2015-12", "2016-01", "2016-02"]
    assert [(r["direction"], r["events"]) for r in series[:2]] == [("a→b", 2), ("b→a", 0)]
    assert series[-1]["goldstein"] == 1.5 and series[2]["events"] == 0


def test_bounds_widen_the_axis_and_weeks_and_days_step_right() -> None:
    series = continuous([row("2015-W53", "a→b", 1)], "week", since="2015-12-20",
                        until="2016-01-12")
    assert [r["period"] for r in series][::2] == ["2015-W51", "2015-W52", "2015-W53",
                                                   "2016-W01", "2016-W02"]
    assert period_start("2016-W01", "week").isoformat() == "2016-01-04"
    assert next_period(period_start("2016-02-28", "day"), "day").isoformat() == "2016-02-29"
    assert next_period(period_start("2015-12", "month"), "month").isoformat() == "2016-01-01"
    assert continuous([], "month") == []
