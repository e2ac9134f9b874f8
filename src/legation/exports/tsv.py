"""Tab-separated files as GDELT and ICEWS ship them: no quoting, a tab or newline inside a
value becomes a space (neither format has an escape for them)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_tsv(out: Path, rows: Iterable[Sequence[str]], header: Sequence[str] | None = None
              ) -> int:
    """Write ``rows`` (after ``header``, when given); returns the number of rows."""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.writer(sink, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        if header is not None:
            writer.writerow(header)
        for n, row in enumerate(rows, 1):  # noqa: B007
            writer.writerow([v.replace("\t", " ").replace("\n", " ") for v in row])
    return n
