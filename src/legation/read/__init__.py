"""read: get text in, repaired, with what is known about it.

Sources (files, directories, JSON Lines, HTML, stdin) become ``Article`` records whose
``clean`` text has its lines re-flowed, quotes normalised, footers and bylines blanked, at the
same length as the raw ``text`` so that offsets are shared. A bad input becomes a
``ReadFailure`` and the batch goes on.
"""

from legation.read.article import content_hash, read_text, repair_text, text_id
from legation.read.dates import ParsedDate, parse_published
from legation.read.header import Header, find_header
from legation.read.manifest import Manifest, load_manifest
from legation.read.repair import (
    drop_footer,
    is_hard_wrapped,
    mend_split_paragraphs,
    normalise_chars,
    reflow,
)
from legation.read.sources import read_inputs

__all__ = [
    "Header",
    "Manifest",
    "ParsedDate",
    "content_hash",
    "drop_footer",
    "find_header",
    "is_hard_wrapped",
    "load_manifest",
    "mend_split_paragraphs",
    "normalise_chars",
    "parse_published",
    "read_inputs",
    "read_text",
    "reflow",
    "repair_text",
    "text_id",
]
