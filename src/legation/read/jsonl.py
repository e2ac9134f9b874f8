"""JSON Lines of articles: one object a line with ``id``, ``text`` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from legation.errors import InputError
from legation.read.article import read_text
from legation.read.failure import failure
from legation.read.meta import Meta
from legation.records import Article, ReadFailure


def parse_line(line: str) -> dict[str, Any]:
    """The JSON object of one line, with a usable ``text``; InputError saying what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise InputError(f"a JSON {type(data).__name__}, not an object with a \"text\"")
    if "text" not in data or data["text"] is None:
        raise InputError('no "text" field')
    if not isinstance(data["text"], str):
        raise InputError(f'"text" is a {type(data["text"]).__name__}, not a string')
    if not data["text"].strip():
        raise InputError('"text" is empty')
    return data


def given_id(value: Any) -> str | None:
    """The line's ``id`` as given (numbers as text); None when absent or empty."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def read_jsonl(text: str, source: str, max_chars: int) -> Iterator[Article | ReadFailure]:
    """One Article or ReadFailure per non-blank line; ``source:LINE`` names each."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = parse_line(line)
            meta = Meta.from_mapping(data)
            yield read_text(
                data["text"],
                where,
                article_id=given_id(data.get("id")),
                max_chars=max_chars,
                **asdict(meta),
            )
        except Exception as exc:  # one bad line must not stop the file
            yield failure(where, exc)
