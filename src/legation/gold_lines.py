"""Reading extractor gold files (JSONL, one unit a line), shared by the gold_* scorers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from legation.errors import GoldError


def has_units_with(path: Path, key: str) -> bool:
    """Is the first unit of ``path`` a JSON object with ``key`` and no ``events``?
    (``legation eval`` tells gold kinds apart by it; the loaders name any problem.)"""
    try:
        with path.open(encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
        raw = json.loads(first) if first else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(raw, dict) and key in raw and "events" not in raw


def gold_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, "file:line", line) of every non-blank line; an unreadable file is a
    GoldError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield n, f"{path}:{n}", line
