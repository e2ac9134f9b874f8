"""HTML pages: the main text and metadata, boilerplate (menus, comments, footers) removed.

trafilatura does the extraction; its text becomes the article's raw text, so offsets refer to
what was extracted, not to the HTML source.
"""

from __future__ import annotations

import trafilatura

from legation.errors import InputError
from legation.read.meta import Meta, clean_value


def extract_html(content: str | bytes) -> tuple[str, Meta]:
    """(main text, metadata) of a page; InputError when it holds no article text.

    Dates come from the page's metadata only (no guessing from the body or the URL).
    """
    doc = trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    meta = Meta(
        outlet=clean_value(doc.sitename),
        title=clean_value(doc.title),
        url=clean_value(doc.url),
        author=clean_value(doc.author),
        published=clean_value(doc.date),
    )
    return text, meta
