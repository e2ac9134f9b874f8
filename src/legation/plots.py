"""Dyad plots (matplotlib, drawn off-screen): one panel per direction, stacked bars of events
per QuadClass on a real time axis with its empty periods, the summed Goldstein score as a line
on a second y-axis, and a legend. PNG, SVG, or an HTML page holding the SVG."""

from __future__ import annotations

import io
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen: files only

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from legation.series import DIRECTIONS

PLOT_SUFFIXES = (".png", ".svg", ".html")
# QuadClass colours: cooperation blue, conflict red; verbal light, material dark.
QUADS = (("quad1", "verbal cooperation", "#9ecae1"), ("quad2", "material cooperation", "#3182bd"),
         ("quad3", "verbal conflict", "#fc9272"), ("quad4", "material conflict", "#de2d26"))
WIDTH_DAYS = {"day": 0.8, "week": 5.5, "month": 24}


def dyad_figure(rows: list[dict[str, Any]], a: str, b: str, interval: str, counting: str,
                note: str = "") -> plt.Figure:
    """The figure for ``series.continuous`` rows of the dyad ``a``–``b``."""
    fig, axes = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True, constrained_layout=True)
    names = {"a→b": f"{a} → {b}", "b→a": f"{b} → {a}"}
    width = WIDTH_DAYS.get(interval, 24)
    for ax, direction in zip(axes, DIRECTIONS, strict=True):
        mine = [r for r in rows if r["direction"] == direction]
        days = [date.fromisoformat(r["start"]) for r in mine]
        bottom = [0] * len(mine)
        for key, label, colour in QUADS:
            values = [r[key] for r in mine]
            ax.bar(days, values, width=width, bottom=bottom, color=colour, label=label,
                   align="edge")
            bottom = [x + y for x, y in zip(bottom, values, strict=True)]
        ax.set_ylabel(f"{counting} per {interval}")
        ax.set_title(names[direction], loc="left", fontsize=11)
        ax.set_ylim(0, max(bottom, default=0) * 1.15 + 1)  # room above the tallest bar
        ax.yaxis.get_major_locator().set_params(integer=True)
        line = ax.twinx()
        line.plot(days, [r["goldstein"] for r in mine], color="#333333", linewidth=1.1,
                  label="Goldstein (sum)")
        busy = [(d, r["goldstein"]) for d, r in zip(days, mine, strict=True) if r["events"]]
        line.scatter([d for d, _ in busy], [g for _, g in busy], color="#333333", s=12)
        line.axhline(0, color="#999999", linewidth=0.6)
        line.set_ylabel("Goldstein (sum)")
        if direction == DIRECTIONS[0]:
            bars, labels = ax.get_legend_handles_labels()
            more, more_labels = line.get_legend_handles_labels()
            fig.legend(bars + more, labels + more_labels, loc="outside lower center",
                       fontsize=9, ncols=5, frameon=False)
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.suptitle(f"Events between {a} and {b} ({'; '.join(p for p in (counting, note) if p)})",
                 fontsize=12)
    return fig


def save_dyad_plot(rows: list[dict[str, Any]], a: str, b: str, interval: str, counting: str,
                   out: Path, note: str = "") -> None:
    """Write the plot; the suffix of ``out`` picks PNG, SVG or HTML."""
    fig = dyad_figure(rows, a, b, interval, counting, note)
    try:
        if out.suffix == ".html":
            svg = io.StringIO()
            fig.savefig(svg, format="svg")
            title = escape(f"{a} and {b}")
            out.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{title}"
                           f"</title></head><body>{svg.getvalue()}</body></html>",
                           encoding="utf-8")
        else:
            fig.savefig(out, dpi=120)
    finally:
        plt.close(fig)
