"""Turn an error about one input into a ReadFailure, so the rest of the batch goes on."""

from __future__ import annotations

from legation.errors import LegationError
from legation.records import ReadFailure


def reason(exc: BaseException) -> str:
    """The message a user reads: without the error code prefix, OS errors in plain words."""
    if isinstance(exc, LegationError):
        return str(exc).removeprefix(f"[{exc.code}] ")
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"could not read: {type(exc).__name__}: {exc}"


def failure(source: str, exc: BaseException) -> ReadFailure:
    return ReadFailure(source, reason(exc))
