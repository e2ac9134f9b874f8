"""Legation: political event data from news — who did what to whom, when, where, said by whom."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from legation.python_api import Legation


def open(db: str | Path) -> Legation:
    """Open a coded database read-only: ``legation.open("news.duckdb").events(source="RUS")``.

    Imported lazily so that ``import legation.read`` and friends stay free of DuckDB.
    """
    from legation.python_api import Legation

    return Legation(db)


__all__ = ["__version__", "open"]
