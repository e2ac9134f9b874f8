"""Build an Article from a string: identity, repairs, and metadata from the text itself."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Literal

from legation.errors import InputError
from legation.read.dates import parse_published
from legation.read.header import find_header
from legation.read.meta import Meta, clean_value, valid_text
from legation.read.repair import (
    blank,
    drop_footer,
    mend_split_paragraphs,
    normalise_chars,
    reflow,
)
from legation.records import Article

log = logging.getLogger(__name__)

MAX_CHARS = 1_000_000


def content_hash(text: str) -> str:
    """Full SHA-1 hex of the raw text: the store skips an article whose hash is unchanged."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def text_id(text: str) -> str:
    """The id of a text that has no name (stdin, a JSONL line without ``id``)."""
    return "sha1:" + content_hash(text)[:16]


def check_length(length: int, max_chars: int) -> None:
    """Refuse an article over the limit, saying by how much."""
    if length > max_chars:
        raise InputError(f"article is {length:,} characters, over --max-chars {max_chars:,}")


SYMBOL_RUN = 16  # symbols in a row before a space is put among them (in the parsed text only)
_SYMBOLS = re.compile(rf"[^\w\s]{{{SYMBOL_RUN},}}")


def break_symbol_runs(text: str) -> str:
    """Every ``SYMBOL_RUN``-th character of a long run of punctuation, symbols or emoji becomes a
    space: spaCy's tokenizer takes time quadratic in such a run (a 30 KB run of quote marks:
    minutes), and no prose holds one. One character for one, so offsets hold."""
    def spaced(match: re.Match[str]) -> str:
        run = list(match.group())
        run[SYMBOL_RUN - 1::SYMBOL_RUN] = " " * len(run[SYMBOL_RUN - 1::SYMBOL_RUN])
        return "".join(run)

    return _SYMBOLS.sub(spaced, text)


def repair_text(text: str, title: str | None = None) -> tuple[str, Meta]:
    """All repairs in order: the clean text (same length) and the metadata its top lines state.

    ``title`` is a title already known, so that its line stays apart from the body.
    """
    clean = break_symbol_runs(drop_footer(normalise_chars(text)))
    header = find_header(clean, title)
    clean = blank(clean, header.blank)
    clean = reflow(clean, keep=header.keep)
    clean = mend_split_paragraphs(clean, keep=header.keep)
    found = Meta(
        title=clean_value(text[slice(*header.title)]) if header.title else None,
        author=clean_value(text[slice(*header.author)]) if header.author else None,
        published=header.published.value if header.published else None,
    )
    return clean, found


def read_text(
    text: str,
    source: str = "<text>",
    *,
    article_id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: str | None = None,
    max_chars: int = MAX_CHARS,
) -> Article:
    """Build an Article from a string; given metadata wins over what the text itself states.

    ``source`` names the input in messages; ``article_id`` defaults to ``sha1:`` + 16 hex
    digits of the text. ``published`` may be "2015-10-22T10:00:00Z", "2015-10", "2015",
    "22 October 2015"; an unreadable date is logged and ignored. Raises InputError for an
    empty text or one longer than ``max_chars``.

    >>> read_text("Putin met Assad in Moscow.", published="2015-10").published_precision
    'month'
    """
    if not text.strip():
        raise InputError("empty: no text, or whitespace only")
    text, source = valid_text(text), valid_text(source)
    article_id = valid_text(article_id) if article_id is not None else None
    check_length(len(text), max_chars)
    given = Meta(outlet=clean_value(outlet), title=clean_value(title), url=clean_value(url),
                 author=clean_value(author), published=clean_value(published))
    date = parse_published(given.published) if given.published else None
    if given.published and date is None:
        log.warning("%s: ignoring publication date %r: not a date", source, given.published)
    clean, found = repair_text(text, given.title)
    meta = given.over(found)
    basis: Literal["given", "text"] | None = "given" if date else None
    if date is None and found.published:
        date, basis = parse_published(found.published), "text"
    return Article(
        id=article_id or text_id(text),
        text=text,
        clean=clean,
        source=source,
        content_hash=content_hash(text),
        outlet=meta.outlet,
        title=meta.title,
        url=meta.url,
        author=meta.author,
        published=date.value if date else None,
        published_precision=date.precision if date else None,
        published_basis=basis,
    )
