"""The CAMEO event codes, loaded from data/cameo.tsv.

Scores and the PLOVER mapping are data, not code: a fix is a one-line edit to the table, and the
table is checked on load so a bad edit fails at start-up with the line to look at.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from legation.errors import KnowledgeError

HEADER = ["code", "label", "goldstein", "quad_class", "plover_type", "plover_mode"]


@dataclass(frozen=True)
class CameoCode:
    """One row of cameo.tsv; ``plover_type``/``plover_mode`` are None where PLOVER has none."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


def root(code: str) -> str:
    """The two-digit cue category, which QuadClass and most aggregation key on."""
    return code[:2]


def _quad_class(root_code: str) -> int:
    """QuadClass is fixed by the root: 01-05, 06-08, 09-13, 14-20."""
    n = int(root_code)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _row(fields: list[str], where: str) -> CameoCode:
    if len(fields) != len(HEADER):
        raise KnowledgeError(f"{where}: expected {len(HEADER)} tab-separated fields "
                             f"({', '.join(HEADER)}), found {len(fields)}")
    code, label, goldstein, quad_class, plover_type, plover_mode = (f.strip() for f in fields)
    if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(root(code)) <= 20):
        raise KnowledgeError(f"{where}: code {code!r} is not a CAMEO code (2-4 digits, root "
                             "01-20, written with its leading zero)")
    try:
        score = float(goldstein)
    except ValueError:
        raise KnowledgeError(f"{where}: goldstein {goldstein!r} is not a number") from None
    if not -10 <= score <= 10:
        raise KnowledgeError(f"{where}: goldstein {score} is outside [-10, 10]")
    expected = _quad_class(root(code))
    if quad_class != str(expected):
        raise KnowledgeError(f"{where}: quad_class {quad_class!r} does not match root "
                             f"{root(code)} (expected {expected})")
    return CameoCode(code, label, score, expected, plover_type or None, plover_mode or None)


@functools.cache
def load_codes(path: Path | None = None) -> Mapping[str, CameoCode]:
    """Code → CameoCode from ``path`` (default: the packaged table), read once per path."""
    path = path or Path(str(resources.files("legation.knowledge") / "data" / "cameo.tsv"))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"cannot read CAMEO code table {path}: {exc}") from exc
    if not lines or lines[0].split("\t") != HEADER:
        raise KnowledgeError(f"{path}:1: header must be {' '.join(HEADER)} (tab-separated)")
    table: dict[str, CameoCode] = {}
    line_of: dict[str, int] = {}
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        row = _row(line.split("\t"), f"{path}:{n}")
        if row.code in table:
            raise KnowledgeError(f"{path}:{n}: code {row.code} repeats line {line_of[row.code]}")
        table[row.code] = row
        line_of[row.code] = n
    for code, n in line_of.items():
        if len(code) > 2 and code[:-1] not in table:
            raise KnowledgeError(f"{path}:{n}: code {code} has no parent code {code[:-1]}")
    return MappingProxyType(table)


def lookup(code: str) -> CameoCode:
    """The packaged entry for ``code``; an unknown code is a knowledge error, not a KeyError."""
    try:
        return load_codes()[code]
    except KeyError:
        raise KnowledgeError(f"unknown CAMEO event code {code!r}: codes are strings with "
                             "leading zeros such as \"042\", listed in cameo.tsv") from None


# The one CAMEO category the table gives no kind of its own: public statements (PLOVER has none).
STATEMENT_ROOT = "01"


def is_statement(code: str) -> bool:
    """A public statement (01x): what was said, not an act."""
    return root(code) == STATEMENT_ROOT


def is_consultation(code: str) -> bool:
    """A meeting, call, visit or negotiation: PLOVER's CONSULT in the code table."""
    return lookup(code).plover_type == "CONSULT"


def is_intent(code: str) -> bool:
    """An expressed intent to cooperate (03x): PLOVER's AGREE at the code's root."""
    return lookup(root(code)).plover_type == "AGREE"


def is_rejection(code: str) -> bool:
    """A rejection or refusal (12x): PLOVER's REJECT at the code's root."""
    return lookup(root(code)).plover_type == "REJECT"


def is_assault(code: str) -> bool:
    """Assault, fighting or mass violence (18-20): PLOVER's ASSAULT at the code's root."""
    return lookup(root(code)).plover_type == "ASSAULT"
