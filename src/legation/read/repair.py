"""Repairs of real input text, each a pure function from a str to a str of the same length.

The parser reads the repaired text, the offsets of every record refer to the raw text: keeping
the length (characters replaced one for one, removed parts blanked with spaces, newlines kept)
makes an offset in one an offset in the other, with no map to maintain.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from itertools import pairwise
from statistics import median

from legation.knowledge.calendar import MONTH_ABBREVIATIONS, alternation

# One-for-one character repairs: typographic quotes and dashes to ASCII, odd spaces to spaces.
# The parser and the quote finder then see one quote character of each kind.
_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′´‹›", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                        "\u200a\u202f\u205f\u3000\ufeff\t\x0b\x0c", " "),
        **dict.fromkeys("\u2028\u2029", "\n"),
        **dict.fromkeys([chr(c) for c in (*range(0x00, 0x09), *range(0x0e, 0x20), 0x7F)], " "),
    }
)

# A line that ends a sentence: final punctuation, possibly inside closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"""(?:[.!?:][)\]"']*|["'])\s*$""")
# A line that starts a new sentence or paragraph.
_STARTS_PARAGRAPH = re.compile(r"""^\s*(?:["'(\[]*[A-Z0-9]|["'(\[]|[-*•])""")
# A list item: never joined to the line before it.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s")
# A final word that ends in a full stop without ending the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|Rev|St|Sr|Jr|No|vs|"
    + alternation(MONTH_ABBREVIATIONS, capitalised=True) + r")|\b[A-Z](?:\.[A-Z])*)\.\s*$"
)

# Lines that start what follows an article: comment form, share buttons, blog post labels,
# contact notice.
FOOTER_LINES = [
    re.compile(p, re.I)
    for p in (
        r"(?:no|\d+) comments?:?",
        r"post a comment:?",
        r"note: only a member\b.*",  # a blog's comment-form notice
        r"to contact\b.*",
        r"share this(?: article| story| post)?:?",
        r"comments?(?: \(\d+\))?:?",
        r"related(?: articles| posts| stories| news| content)?:?",
        r"leave a (?:reply|comment):?",
        r"like this:?",
        r"you (?:may|might) also like:?",
        r"posted by .+ at \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?",
        r"(?:labels|tags|filed under):.*",
    )
]
FOOTER_MAX_LINE = 80  # a footer line is a label, not a sentence of the article
FOOTER_MAX_TAIL = 2000  # characters from the footer's first line to the end


def normalise_chars(text: str) -> str:
    """Map curly quotes, dashes and odd spaces to ASCII one for one; CR and CRLF to newlines.

    >>> normalise_chars("“Yes” – he said’s")
    '"Yes" - he said\\'s'
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return text.translate(_CHAR_MAP)


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace every character of ``spans`` but newlines with a space."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for every line, newlines excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def find_footer(text: str) -> int | None:
    """Offset where a footer (comment form, "Share this:", "To contact …") starts, or None.

    Only a short labelled line near the end counts, after at least half of the text.
    """
    for start, line in _lines(text):
        label = line.strip()
        if not label or len(label) > FOOTER_MAX_LINE:
            continue
        if start < len(text) / 2 or len(text) - start > FOOTER_MAX_TAIL:
            continue
        if any(p.fullmatch(label) for p in FOOTER_LINES):
            return start
    return None


def drop_footer(text: str) -> str:
    """Blank everything from a footer line to the end (newlines kept)."""
    start = find_footer(text)
    return text if start is None else blank(text, [(start, len(text))])


def _joins(prev: str, nxt: str) -> bool:
    """Whether the break between two lines falls inside a sentence."""
    if _LIST_ITEM.match(nxt):
        return False
    if _ENDS_SENTENCE.search(prev) and not _ABBREVIATION.search(prev):
        return not _STARTS_PARAGRAPH.match(nxt)
    return True


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of consecutive non-blank lines (paragraphs as laid out)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for start, line in _lines(text):
        if line.strip():
            blocks[-1].append((start, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _wrapped(blocks: list[list[tuple[int, str]]]) -> bool:
    """Lines broken every few words: many short lines whose break falls inside a sentence."""
    breaks = [(a[1], b[1]) for block in blocks for a, b in pairwise(block)]
    inside = sum(_joins(a, b) for a, b in breaks)
    lengths = [len(line.strip()) for block in blocks for _, line in block]
    return inside >= 3 and inside >= len(breaks) / 3 and median(lengths) < 120


def is_hard_wrapped(text: str) -> bool:
    """Whether the text as a whole has its lines broken every few words."""
    return _wrapped(_blocks(text))


def reflow(text: str, keep: Collection[int] = ()) -> str:
    """Replace single newlines that break a sentence with spaces, in hard-wrapped text.

    Paragraph breaks stay: blank lines, and a line ending in . ! ? : or a closing quote
    followed by a line that starts a new sentence. ``keep`` holds offsets of newlines that
    must stay (the end of a title line). Text laid out one line per paragraph is unchanged.
    """
    blocks = _blocks(text)
    whole = _wrapped(blocks)
    chars = list(text)
    for block in blocks:
        if not (whole or _wrapped([block])):
            continue
        for (start, prev), (_, nxt) in pairwise(block):
            newline = start + len(prev)
            if newline not in keep and _joins(prev, nxt):
                chars[newline] = " "
    return "".join(chars)


# A line that cannot end a sentence: no final punctuation, or a comma/semicolon.
_OPEN_END = re.compile(r"""(?:[^.!?:"'\s)\]]|[,;])\s*$""")
_LOWER_START = re.compile(r"^\s*[a-z]")
MEND_MAX_BLANK_LINES = 2


def mend_split_paragraphs(text: str, keep: Collection[int] = ()) -> str:
    """Join a sentence split by blank lines ("Putin allowed⏎⏎that one of …") into one.

    Only when the first part cannot end there: it ends in a comma or semicolon, or it has no
    final punctuation and the next part starts in lower case.
    """
    chars = list(text)
    lines = _lines(text)
    for i, (start, prev) in enumerate(lines):
        if not prev.strip():
            continue
        j = i + 1
        while j < len(lines) and not lines[j][1].strip():
            j += 1
        gap = j - i - 1
        if j >= len(lines) or not 1 <= gap <= MEND_MAX_BLANK_LINES:
            continue
        nxt_start, nxt = lines[j]
        if not _OPEN_END.search(prev):
            continue
        if not (prev.rstrip().endswith((",", ";")) or _LOWER_START.match(nxt)):
            continue
        newlines = [k for k in range(start + len(prev), nxt_start) if text[k] == "\n"]
        if any(k in keep for k in newlines):
            continue
        for k in newlines:
            chars[k] = " "
    return "".join(chars)
