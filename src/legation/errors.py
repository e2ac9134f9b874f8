"""Errors a user can act on: each has a code and a message that says what to do.

Modelled on spaCy's ``errors.py``: the code makes an error searchable, the message names the
input and the way out.
"""

from __future__ import annotations


class LegationError(Exception):
    """Base class: ``code`` is stable across versions, ``str()`` is the message for the user."""

    code = "L000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(LegationError):
    """An input could not be read or is not an article (empty, binary, too long …)."""

    code = "L001"


class KnowledgeError(LegationError):
    """A knowledge file (actors, patterns, codes) is malformed; the message names file and line."""

    code = "L002"


class StoreError(LegationError):
    """The database cannot be opened or written as asked (locked, newer schema …)."""

    code = "L003"


class ModelError(LegationError):
    """The spaCy model named by ``--model`` / ``LEGATION_MODEL`` is not installed."""

    code = "L004"


class GoldError(LegationError):
    """A gold file for ``legation eval`` does not follow shared/eval/FORMAT.md."""

    code = "L005"
