"""Title, byline and dateline at the top of a text.

Pasted articles often begin "Title / Author / 22 October 2015" before the body. Read as prose,
those lines glue into the first sentence ("Alexander Merkouris 26 July, 2016 Russian Foreign
Minister …"); found here, they fill the article's metadata and are blanked from the clean text.
Works on normalised text (ASCII quotes) and returns offsets, so callers slice the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legation.knowledge.calendar import MONTHS, WEEKDAY_NAMES
from legation.read.dates import ParsedDate, parse_written_date
from legation.read.repair import normalise_chars

HEADER_LINES = 15  # non-blank lines searched for a byline
DATE_MAX_LINES = 3  # a date may be spread over this many short lines ("26⏎July, 2016")
DATE_LINE_MAX = 40
TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 20

_WORD = r"[A-Z][\w'.-]*"
_PARTICLE = r"(?:van|von|de|der|den|del|della|da|di|du|la|le|al|el|bin|ibn|ben)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,3}}"
_AUTHOR = re.compile(
    rf"(?:(?i:(?:written\s+|posted\s+)?by)[:\s]\s*)?(?P<name>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)"
)
_HAS_BY = re.compile(r"(?i:(?:written\s+|posted\s+)?by)[:\s]")
# First words that make a capitalised line a phrase, not a name ("The Duran", "In Moscow").
_NOT_NAME_START = {
    "a", "an", "the", "in", "on", "at", "of", "for", "to", "from", "with", "and", "or", "as",
    "this", "that", "these", "those", "it", "we", "he", "she", "they", "our", "his", "her",
    "posted", "published", "updated", "home", "news", "breaking", "read", "share",
}
_NOT_NAME_WORD = set(MONTHS) | WEEKDAY_NAMES | {
    "president", "minister", "news", "report", "reports", "says", "said",
}
_DATE_PREFIX = re.compile(r"(?i:(?:posted|published|updated)(?:\s+on)?:?\s+)")
_SEPARATOR = re.compile(r"\s*(?:[,|/·•-]\s*)?")
_FINAL_PUNCT = re.compile(r"""[.!?,;:]["')\]]*\s*$""")
_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
    "with", "from", "as", "into", "over", "vs", "via", "after", "before", "amid",
}


@dataclass(frozen=True)
class Header:
    """What the top of a text says about the article, as offsets into it.

    ``blank``: spans to blank in the clean text (byline and dateline lines);
    ``keep``: offsets of newlines that must survive reflow (the end of the title line).
    """

    title: tuple[int, int] | None = None
    author: tuple[int, int] | None = None
    published: ParsedDate | None = None
    blank: tuple[tuple[int, int], ...] = ()
    keep: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Line:
    index: int  # physical line number
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def span(self) -> tuple[int, int]:
        """The line without its leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.start + lead, self.start + len(self.text.rstrip())


def _top_lines(text: str, limit: int) -> list[_Line]:
    """The first ``limit`` non-blank lines."""
    out, pos = [], 0
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            out.append(_Line(index, pos, line))
            if len(out) == limit:
                break
        pos += len(line) + 1
    return out


def _author(line: str) -> re.Match[str] | None:
    """A byline: 2-4 capitalised name words, optionally after "By"; None for other lines."""
    match = _AUTHOR.fullmatch(line.strip())
    if not match:
        return None
    words = match["name"].replace("&", " ").split()
    if not _HAS_BY.match(line.strip()) and words[0].lower() in _NOT_NAME_START:
        return None
    if any(w.lower().strip(".,") in _NOT_NAME_WORD for w in words):
        return None
    return match


def _date(text: str) -> ParsedDate | None:
    text = _DATE_PREFIX.sub("", text.strip(), count=1)
    return parse_written_date(text)


def _author_and_date(line: _Line) -> tuple[tuple[int, int], ParsedDate] | None:
    """One line holding both: "Alexander Merkouris 26 July, 2016", "By Jane Roe | 2015-10-22"."""
    words = list(re.finditer(r"\S+", line.text))
    for cut in range(2, min(len(words), 7)):
        head, rest = line.text[: words[cut - 1].end()], line.text[words[cut - 1].end():]
        match = _author(head)
        parsed = _date(_SEPARATOR.sub("", rest, count=1)) if match else None
        if match and parsed:
            return _name_span(line, match), parsed
    return None


def _date_block(lines: list[_Line], i: int) -> tuple[int, ParsedDate] | None:
    """The date starting at ``lines[i]``, over 1-3 consecutive short lines: (count, date)."""
    for count in range(1, DATE_MAX_LINES + 1):
        block = lines[i: i + count]
        if len(block) < count or block[-1].index - block[0].index != count - 1:
            return None
        if any(len(b.text.strip()) > DATE_LINE_MAX for b in block):
            return None
        parsed = _date(" ".join(b.text for b in block))
        if parsed:
            return count, parsed
    return None


def _adjacent(a: _Line, b: _Line) -> bool:
    """Next to each other, with at most one blank line between."""
    return 0 < b.index - a.index <= 2


def _name_span(line: _Line, match: re.Match[str]) -> tuple[int, int]:
    lead = len(line.text) - len(line.text.lstrip())
    return line.start + lead + match.start("name"), line.start + lead + match.end("name")


def _byline(lines: list[_Line]) -> tuple[tuple[int, int] | None, ParsedDate | None, list[_Line]]:
    """(author span, date, lines to blank) of the first byline or dateline in ``lines``.

    A date needs no author; an author needs a date beside it, or a "By".
    """
    for i, line in enumerate(lines):
        both = _author_and_date(line)
        if both:
            return both[0], both[1], [line]
        match = _author(line.text)
        found = _date_block(lines, i + 1) if match else None
        if match and found and _adjacent(line, lines[i + 1]):
            return _name_span(line, match), found[1], lines[i: i + 1 + found[0]]
        if match and _HAS_BY.match(line.text.strip()):
            return _name_span(line, match), None, [line]
        found = _date_block(lines, i)
        if not found:
            continue
        block = lines[i: i + found[0]]
        after = i + found[0]
        if after < len(lines) and _adjacent(block[-1], lines[after]):
            match = _author(lines[after].text)
            if match:
                return _name_span(lines[after], match), found[1], [*block, lines[after]]
        if found[0] == 1:
            return None, found[1], block
    return None, None, []


def _title_cased(line: str) -> bool:
    """"Lavrov Publicly Confirms Failure of Putin-Kerry Talks": every main word capitalised."""
    words = [w for w in re.findall(r"[\w'-]+", line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _title(first: _Line, following: _Line | None, byline: list[_Line],
           given: str | None) -> bool:
    """Whether the first non-blank line is the article's title."""
    text = first.text.strip()
    if given is not None and _same(text, given):
        return True
    if following is None or len(text) > TITLE_MAX_CHARS or len(text.split()) > TITLE_MAX_WORDS:
        return False
    if _FINAL_PUNCT.search(text):
        return False
    if following.index > first.index + 1 or (byline and following is byline[0]):
        return True
    return _title_cased(text) and following.text.lstrip()[:1].isupper()


def find_header(text: str, title: str | None = None) -> Header:
    """Find the title line, byline and dateline among the first lines of ``text``.

    ``title`` is a title already known (manifest, HTML): a first line equal to it is the title
    line; otherwise a short first line without final punctuation, followed by a blank line or
    the byline, or written in title case, is taken as the title.
    """
    lines = _top_lines(text, HEADER_LINES)
    if not lines:
        return Header()
    author, published, byline = _byline(lines)
    title_span = None
    keep: tuple[int, ...] = ()
    first = lines[0]
    if first not in byline:
        following = lines[1] if len(lines) > 1 else None
        given = normalise_chars(title) if title else None
        if _title(first, following, byline, given):
            title_span = first.span
            keep = (first.end,) if first.end < len(text) else ()
    return Header(
        title=title_span,
        author=author,
        published=published,
        blank=tuple((b.start, b.end) for b in byline),
        keep=keep,
    )
