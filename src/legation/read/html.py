"""HTML pages: the main text and metadata, boilerplate (menus, comments, footers) removed.

trafilatura does the extraction; its text becomes the article's raw text, so offsets refer to
what was extracted, not to the HTML source.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import trafilatura

from legation.errors import InputError
from legation.read.meta import Meta, clean_value

# libxml2 gives up on trees deeper than 255 levels (2,048 with its "huge" option), and then
# trafilatura finds no text; wrappers below this depth are dropped and the page read again.
MAX_DEPTH = 100
# Tags kept at any depth: they carry the paragraphs and headings the text is made of, or hide
# what is not text (a script dropped as a wrapper would leave its code in the body).
TEXT_TAGS = frozenset({"html", "head", "title", "meta", "body", "p", "h1", "h2", "h3", "h4",
                       "h5", "h6", "li", "blockquote", "pre", "br", "script", "style",
                       "noscript", "template"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr"})


def extract_html(content: str | bytes) -> tuple[str, Meta]:
    """(main text, metadata) of a page; InputError when it holds no article text.

    Dates come from the page's metadata only (no guessing from the body or the URL).
    """
    doc = _extract(content)
    if _text(doc) is None:
        page = content if isinstance(content, str) else content.decode("utf-8", "replace")
        shallow = shallow_html(page)
        if shallow is not None:
            doc = _extract(shallow)
    text = _text(doc)
    if text is None:
        raise InputError("no article text found in the HTML page")
    meta = Meta(
        outlet=clean_value(doc.sitename),
        title=clean_value(doc.title),
        url=clean_value(doc.url),
        author=clean_value(doc.author),
        published=clean_value(doc.date),
    )
    return text, meta


def _extract(content: str | bytes) -> object:
    """trafilatura's Document of a page, or None."""
    return trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _text(doc: object) -> str | None:
    text = getattr(doc, "text", None) if doc is not None else None
    return text if text and text.strip() else None


def shallow_html(page: str) -> str | None:
    """``page`` with the wrapper tags nested deeper than MAX_DEPTH dropped (their text and the
    text tags inside them kept), so that a page of 5,000 nested ``<div>`` reads like one;
    None when no tag is that deep."""
    writer = _Shallow()
    writer.feed(page)
    writer.close()
    return "".join(writer.out) if writer.dropped else None


class _Shallow(HTMLParser):
    """Copies a page token by token, counting open tags; one pass, any depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, written) of each open element
        self.dropped = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = len(self.open) < MAX_DEPTH or tag in TEXT_TAGS
        if written:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        else:
            self.dropped = True
        if tag not in VOID_TAGS:
            self.open.append((tag, written))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.open) < MAX_DEPTH or tag in TEXT_TAGS:
            self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n][0] == tag:
                for name, written in reversed(self.open[n:]):
                    if written:
                        self.out.append(f"</{name}>")
                del self.open[n:]
                return

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))
