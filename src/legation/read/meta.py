"""What is known about an article besides its text, and which source of it wins.

Metadata arrives from several places (manifest, JSONL fields, HTML metadata, the text's own
byline); one small record with a merge keeps the precedence rule in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

FIELDS = ("outlet", "title", "url", "author", "published")


SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    """``value`` with every lone surrogate (an undecodable byte of a file name, an escaped
    ``"\\ud800"`` in JSON) replaced by U+FFFD: one code point for one, so offsets hold, and
    DuckDB and spaCy get valid Unicode."""
    return SURROGATE.sub("\ufffd", value)


def clean_value(value: Any) -> str | None:
    """A usable metadata value: text stripped, numbers as text, empty and other types None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(valid_text(value).split())
    return value or None


@dataclass(frozen=True)
class Meta:
    """Given metadata of one article; ``None`` means unknown."""

    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Meta:
        """Take the known fields of a JSON object, ignoring the rest."""
        return cls(**{name: clean_value(data.get(name)) for name in FIELDS})

    def over(self, other: Meta | None) -> Meta:
        """These values, with the gaps filled from ``other``."""
        if other is None:
            return self
        return Meta(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                       for f in fields(self)})
